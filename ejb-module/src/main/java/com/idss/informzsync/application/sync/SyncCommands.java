package com.idss.informzsync.application.sync;

/**
 * Manual sync actions, as the console and the JMS contract offer them. Each one only asks: the
 * sync itself runs asynchronously, on the sync queue, against the current CRM state.
 */
public interface SyncCommands {

    /** Push one contact again to every synced list it is on, clearing its error state. */
    void resyncContact(int contactId);

    /** "Sync now": reconcile the whole list with its Informz interest. */
    void syncListNow(long listId);

    /**
     * The nightly check of this list, now: Informz is read back, drift repaired, and who Informz
     * holds as unsubscribed recorded; then the list is reconciled.
     */
    void checkListNow(long listId);

    /** Resync every contact-list in error on this list. */
    void resyncErrorsOfList(long listId);

    /** Resync every contact-list in error, on every list. Returns how many contacts were asked for. */
    int resyncAllErrors();

    /** A mailing was sent or scheduled for the list: reconcile it first, so it goes to current members. */
    void mailingSent(long listId);
}
