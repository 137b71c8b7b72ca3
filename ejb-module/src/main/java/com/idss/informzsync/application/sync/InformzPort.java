package com.idss.informzsync.application.sync;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Outbound port: what the sync needs from Informz. Calls throw {@link InformzFailure}; each call is
 * recorded for the audit, and a failure carries the id of its recorded call.
 */
public interface InformzPort {

    /**
     * A contact as an Informz subscriber: email, our contact id as remote ID, personal fields. A
     * subscriber no contact accounts for (added in Informz itself) has {@link #NO_CONTACT}.
     */
    record Subscriber(int contactId, String email, Map<String, String> fields) {

        public static final int NO_CONTACT = 0;
    }

    /** A subscriber Informz refused, for a reason of its own (the others in the call went through). */
    record Rejection(int contactId, String reason) {
    }

    /**
     * A membership of an interest as Informz has it: current, or cancelled (an opt-out, made by the
     * sync or by the person; {@code cancelledAt} when Informz gave a date it could be read from).
     */
    record InterestMember(long subscriberId, Integer contactId, String email, boolean cancelled, Instant cancelledAt) {
    }

    /** A subscriber Informz holds as unsubscribed from all mail, with when and why. */
    record Unsubscriber(long subscriberId, Integer contactId, String email, Instant unsubscribedAt, String reason) {
    }

    /** One address of a contact's on one interest, as Informz has it (not cancelled). */
    record Membership(String interest, String email) {
    }

    /** Who the calls that follow are about, for the audit; cleared by {@link #forget()}. */
    void about(Integer contactId, Long listId);

    void forget();

    /**
     * How many Informz calls made on this thread have been answered successfully so far. A sync that
     * got no answer (it had nothing to send) tells nothing about whether Informz is up.
     */
    long callsAnsweredOnThisThread();

    /**
     * Successful calls made in the caller's transaction from now on are stored with its commit, one
     * commit less per call: for a transaction that commits right after its calls. Failed calls are
     * always stored on their own, to survive a rollback.
     */
    void recordCallsWithThisTransaction();

    /** Adds (or updates) the subscribers and their membership of every interest. */
    List<Rejection> subscribe(Collection<String> interests, List<Subscriber> subscribers);

    /** Takes the subscribers off the interests (never a global unsubscribe). */
    void optout(Collection<String> interests, List<Subscriber> subscribers);

    /** Informz subscriber ids of these addresses, by normalised address (absent: Informz has none). */
    Map<String, Long> subscriberIds(Collection<String> emails);

    /**
     * Every membership of the interest, current and cancelled, handed over a page at a time as it is
     * read: an interest of 200,000 is never held whole.
     */
    void forEachMember(String interest, Consumer<InterestMember> action);

    /** Every subscriber of the brand that Informz holds as unsubscribed from all mail. */
    List<Unsubscriber> unsubscribers();

    /** Every current membership of the subscriber records carrying this contact's id (remote ID). */
    List<Membership> membershipsOf(int contactId);

    /**
     * Informz subscriber id of every contact (remote ID) currently on the interest, lean, for
     * write-back: the rows are counted at once (one call), each page is a call of its own (up to 1,000
     * contacts) and may throw {@link InformzFailure}.
     */
    SubscriberIdPages subscriberIdsByContact(String interest);

    /**
     * Pages of an interest's subscriber ids by contact. Each page is read on its own (the rows are
     * sorted on a stable key and addressed by their first row), so several threads may read pages at
     * once and in any order.
     */
    interface SubscriberIdPages {

        int pageCount();

        /** Page {@code index} (from 0): subscriber id by contact id, cancelled memberships left out. */
        Map<Integer, Long> page(int index);
    }
}
