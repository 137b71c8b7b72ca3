package com.idss.informzsync.application.sync;

/**
 * A point a unit of work passes on its way to Informz, fired as a synchronous CDI event. It costs
 * nothing unobserved; the tests observe it to force an interleaving (hold a batch while it holds its
 * contacts, see a contact sync wait its turn) instead of hoping for one.
 *
 * @param listId     the list of a list batch, or 0 for a contact sync
 * @param contactIds the contacts the unit of work is about
 */
public record SyncCheckpoint(Point point, long listId, int[] contactIds) {

    public enum Point {
        /** A contact sync holds its contact and addresses, has read what it will do, and is about to call Informz. */
        CONTACT_HELD,
        /** A contact sync found its contact or an address held by another unit of work: it waits its turn. */
        CONTACT_BUSY,
        /** A list batch is about to take its contacts' locks (it waits for their holders). */
        BATCH_LOCKING,
        /** A list batch holds its contacts and addresses and is about to call Informz. */
        BATCH_HELD
    }

    public boolean concerns(int contactId) {
        for (int id : contactIds) {
            if (id == contactId) {
                return true;
            }
        }
        return false;
    }
}
