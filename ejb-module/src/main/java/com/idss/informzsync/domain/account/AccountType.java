package com.idss.informzsync.domain.account;

/** What kind of business an account is; saved queries select on it, so names are stored as text. */
public enum AccountType {
    HOTEL,
    VENUE,
    MEETING_PLANNER,
    MEDIA,
    ATTRACTION,
    RESTAURANT,
    OTHER
}
