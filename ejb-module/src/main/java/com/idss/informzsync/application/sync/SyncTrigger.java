package com.idss.informzsync.application.sync;

/** Why a sync runs. Lists record it on their sync run; contacts sync the same way whatever it is. */
public enum SyncTrigger {
    /** The aggregate was saved in the CRM. */
    CHANGED,
    /** A person asked ("Sync now", "Resync"). */
    MANUAL,
    /** A mailing was sent or scheduled for the list. */
    MAILING_SENT,
    /** The nightly reconcile against Informz. */
    NIGHTLY,
    /** The catch-up when the application starts: repairs what a crash may have left unsent. */
    STARTUP
}
