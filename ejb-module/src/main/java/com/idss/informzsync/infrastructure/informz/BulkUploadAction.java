package com.idss.informzsync.infrastructure.informz;

/** The five BulkUpload processing options (reference section 4.4). */
public enum BulkUploadAction {
    ADD_OR_UPDATE_SUBSCRIBERS("AddOrUpdateSubscribers"),
    REPLACE_ALL_SUBSCRIBERS("ReplaceAllSubscribers"),
    REMOVE_SUBSCRIBERS("RemoveSubscribers"),
    UNSUBSCRIBE_SUBSCRIBERS("UnsubscribeSubscribers"),
    RESUBSCRIBE_SUBSCRIBERS("ResubscribeSubscribers");

    private final String wireName;

    BulkUploadAction(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}
