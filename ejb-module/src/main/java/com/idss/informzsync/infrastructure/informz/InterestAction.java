package com.idss.informzsync.infrastructure.informz;

/** The two InterestAction values Subscribe accepts (reference section 4.1). */
public enum InterestAction {
    ADD_OR_UPDATE_SUBSCRIBERS("AddOrUpdateSubscribers"),
    /** Makes the interests hold exactly the subscribers sent; everyone else's membership is cancelled. */
    REPLACE_ALL_SUBSCRIBERS("ReplaceAllSubscribers");

    private final String wireName;

    InterestAction(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}
