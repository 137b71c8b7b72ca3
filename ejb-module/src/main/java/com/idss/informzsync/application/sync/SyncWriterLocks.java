package com.idss.informzsync.application.sync;

import java.util.Collection;

/**
 * The one-writer rule: at most one transaction at a time decides and pushes what Informz holds for a
 * contact, or for an email address. Locks are the database's, held until the caller's transaction
 * ends, so they hold across threads, redeliveries and server nodes. Everyone takes contacts before
 * addresses, each in ascending order; contact syncs never wait, so waits cannot form a cycle.
 */
public interface SyncWriterLocks {

    /** Takes the contact's lock unless another transaction holds it; never waits. */
    boolean tryHoldContact(int contactId);

    /**
     * Takes the list's lock unless another transaction holds it; never waits. One reconcile of a list
     * at a time: its message's transaction holds it for the whole run.
     */
    boolean tryHoldList(long listId);

    /** Takes these addresses' locks (normalized) unless another transaction holds one of them; never waits. */
    boolean tryHoldEmails(Collection<String> emails);

    /** Takes these contacts' locks, then these addresses', waiting for their holders. */
    void hold(int[] contactIds, Collection<String> emails);

    /**
     * Readies the locks of these contacts and of their addresses as the CRM has them now, so that a
     * large reconcile creates its lock rows in bulk, once, rather than batch by batch (where the
     * database does not create them with the contacts). Takes no lock.
     */
    void prepare(int[] contactIds);
}
