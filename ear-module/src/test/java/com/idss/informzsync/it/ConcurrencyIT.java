package com.idss.informzsync.it;

import static com.idss.informzsync.it.CrmFixture.unique;
import static com.idss.informzsync.it.CrmFixture.uniqueEmail;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.idss.informzsync.application.crm.ContactService;
import com.idss.informzsync.application.crm.DistributionListService;
import com.idss.informzsync.application.sync.AggregateKind;
import com.idss.informzsync.application.sync.SyncCheckpoint.Point;
import com.idss.informzsync.application.sync.SyncTrigger;
import com.idss.informzsync.application.sync.UnpushedEdits;
import com.idss.informzsync.domain.sync.SyncState;
import jakarta.annotation.Resource;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.UserTransaction;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The one-writer rule, each race forced in one order with {@link SyncGate}: a unit of work is held
 * while it holds a contact, the CRM changes meanwhile, Informz loses the held call's reply, and the
 * test checks that nobody else reached Informz for the contact in between and that Informz ends up
 * holding exactly what the CRM says, without the nightly check (which must still see an edit whose
 * own message was lost).
 */
@ExtendWith(ArquillianExtension.class)
class ConcurrencyIT {

    static final Duration PATIENCE = Duration.ofSeconds(30);

    @Deployment
    static EnterpriseArchive deployment() {
        return Deployments.productEarWith(ConcurrencyIT.class, SyncGate.class);
    }

    @Inject
    CrmFixture crm;

    @Inject
    SyncRecorder sync;

    @Inject
    SyncGate gate;

    @Inject
    ContactService contacts;

    @Inject
    DistributionListService lists;

    @Inject
    UnpushedEdits unpushedEdits;

    @PersistenceContext(unitName = "crm")
    EntityManager em;

    @Resource
    UserTransaction transaction;

    /** A held sync must not be the breaker's probe: each race starts with the connection up. */
    @BeforeEach
    void startWithInformzConnectionUp() throws InterruptedException {
        crm.awaitInformzConnectionUp();
    }

    @AfterEach
    void releaseHeldSyncs() {
        gate.releaseAll();
    }

    /** The outside check's failure: email change, then deactivation, while the list's push is unanswered. */
    @Test
    void aContactWhoseEmailChangesAndWhoIsDeactivatedWhileItsListsPushGoesUnansweredLeavesTheGroup() throws Exception {
        String interest = unique("Held Batch");
        String oldEmail = uniqueEmail("held.old");
        String newEmail = uniqueEmail("held.new");
        long listId = crm.syncedList(interest);
        int contactId = crm.contact("Held", "Batch", oldEmail);
        awaitOwnSyncDone(contactId); // its creation's sync, which pushes nothing: the list's batch must come first

        SyncGate.Hold batch = gate.holdNextBatch(Point.BATCH_HELD, listId, contactId);
        lists.addMembers(listId, List.of(contactId));
        awaitHeld(batch, listId, contactId);
        int callsBefore = callsAbout(oldEmail, newEmail);
        long busyBefore = gate.passedCount(Point.CONTACT_BUSY, contactId);
        contacts.update(contactId, CrmFixture.draft("Held", "Batch", newEmail, null, null));
        contacts.deactivate(contactId);
        sync.await("the contact's own sync to wait its turn", () -> gate.passedCount(Point.CONTACT_BUSY, contactId) > busyBefore,
                PATIENCE);
        assertEquals(callsBefore, callsAbout(oldEmail, newEmail), "no second writer for the contact");

        crm.informz().injectFaultsInCallsMentioning(oldEmail, "lost-reply", 1, null);
        batch.release();
        sync.await("neither address on the interest, and the contact shown removed", () -> {
            Set<String> members = crm.informz().membersOf(interest);
            return !members.contains(lower(oldEmail)) && !members.contains(lower(newEmail))
                    && crm.isInState(contactId, listId, SyncState.REMOVED);
        }, () -> crm.informz().membersOf(interest) + "; " + crm.describeSync(listId, contactId), PATIENCE);
    }

    /** A list's removal meets a contact sync that pushes a new address and loses the reply. */
    @Test
    void aContactTakenOffAListWhileItsOwnPushOfANewAddressGoesUnansweredLeavesTheGroup() throws Exception {
        String interest = unique("Held Contact");
        String oldEmail = uniqueEmail("own.old");
        String newEmail = uniqueEmail("own.new");
        long listId = crm.syncedList(interest);
        int contactId = crm.contact("Own", "Push", oldEmail);
        crm.handPickAfterItsFirstSync(listId, contactId, SyncState.SYNCED);

        SyncGate.Hold ownSync = gate.holdNextContactSync(Point.CONTACT_HELD, contactId);
        contacts.update(contactId, CrmFixture.draft("Own", "Push", newEmail, null, null));
        ownSync.awaitHeld(PATIENCE);
        int callsBefore = callsAbout(oldEmail, newEmail);
        long batchesBefore = gate.passedCount(Point.BATCH_LOCKING, listId, contactId);
        lists.removeMembers(listId, List.of(contactId));
        sync.await("the list's batch to wait for the contact", () -> gate.passedCount(Point.BATCH_LOCKING, listId, contactId) > batchesBefore,
                PATIENCE);
        assertEquals(callsBefore, callsAbout(oldEmail, newEmail), "no second writer for the contact");

        crm.informz().injectFaultsInCallsMentioning(newEmail, "lost-reply", 1, null);
        ownSync.release();
        sync.await("neither address on the interest, and the contact shown removed", () -> {
            Set<String> members = crm.informz().membersOf(interest);
            return !members.contains(lower(oldEmail)) && !members.contains(lower(newEmail))
                    && crm.isInState(contactId, listId, SyncState.REMOVED);
        }, () -> crm.informz().membersOf(interest) + "; " + crm.describeSync(listId, contactId), PATIENCE);
    }

    /**
     * A contact reactivated while its deactivation's opt-out goes unanswered is back in the group. The
     * reactivation's own sync waits its turn behind the held one (the contact's writer lock), and must
     * resolve the doubt the lost reply leaves before it pushes.
     */
    @Test
    void aContactReactivatedWhileItsDeactivationsOptOutGoesUnansweredIsBackInTheGroup() throws Exception {
        String interest = unique("Reactivated");
        String email = uniqueEmail("back.again");
        long listId = crm.syncedList(interest);
        int contactId = crm.contact("Back", "Again", email);
        crm.handPickAfterItsFirstSync(listId, contactId, SyncState.SYNCED);

        SyncGate.Hold deactivation = gate.holdNextContactSync(Point.CONTACT_HELD, contactId);
        contacts.deactivate(contactId);
        deactivation.awaitHeld(PATIENCE);
        int callsBefore = callsAbout(email);
        contacts.reactivate(contactId);
        assertEquals(callsBefore, callsAbout(email), "no second writer for the contact");

        crm.informz().injectFaultsInCallsMentioning(email, "lost-reply", 1, null);
        deactivation.release();
        sync.await("the address on the interest again, and the contact shown synced", () ->
                crm.informz().membersOf(interest).contains(lower(email)) && crm.isInState(contactId, listId, SyncState.SYNCED),
                () -> crm.informz().membersOf(interest) + "; " + crm.describeSync(listId, contactId), PATIENCE);
    }

    /** A duplicate takes the address over while the owner's removal of it is unanswered. */
    @Test
    void aDuplicateTakesTheAddressOverOnlyOnceTheOwnersRemovalOfItIsDone() throws Exception {
        String interest = unique("Takeover");
        String shared = uniqueEmail("shared.takeover");
        long listId = crm.syncedList(interest);
        int owner = crm.contact("First", "Owner", shared);
        crm.handPickAfterItsFirstSync(listId, owner, SyncState.SYNCED);
        int duplicate = crm.contact("Second", "Taker", shared);
        crm.handPickAfterItsFirstSync(listId, duplicate, SyncState.DUPLICATE);

        SyncGate.Hold ownersSync = gate.holdNextContactSync(Point.CONTACT_HELD, owner);
        contacts.deactivate(owner);
        ownersSync.awaitHeld(PATIENCE);
        int callsBefore = callsAbout(shared);
        long busyBefore = gate.passedCount(Point.CONTACT_BUSY, duplicate);
        contacts.update(duplicate, CrmFixture.draft("Second", "Taker Now", shared, null, null));
        sync.await("the duplicate's sync to wait for the owner's", () -> gate.passedCount(Point.CONTACT_BUSY, duplicate) > busyBefore,
                PATIENCE);
        assertEquals(callsBefore, callsAbout(shared), "no second writer for the address");

        crm.informz().injectFaultsInCallsMentioning(shared, "lost-reply", 1, null);
        ownersSync.release();
        // Informz keys a record on address and CRM id: the duplicate's push is a record of its own.
        sync.await("the address on the interest for the duplicate only, with its data", () ->
                crm.informz().activeUserIdsOn(interest).equals(Set.of(duplicate))
                        && crm.isInState(duplicate, listId, SyncState.SYNCED)
                        && crm.isInState(owner, listId, SyncState.REMOVED)
                        && crm.informz().subscribersWithEmail(shared).stream()
                        .anyMatch(s -> !s.isNull("user_id") && s.getInt("user_id") == duplicate
                                && s.getJsonObject("fields").getString("Last_Name", "").equals("Taker Now")),
                () -> crm.informz().activeUserIdsOn(interest) + "; " + crm.informz().subscribersWithEmail(shared) + "; "
                        + crm.describeSync(listId, owner, duplicate), PATIENCE);
    }

    /**
     * An edit whose sync message is lost, committed while a sync of the contact's older data is held:
     * that sync books its state after the edit's time stamp, yet the catch-up of unpushed edits (the
     * nightly check's and the start-up's) still finds the edit and pushes it.
     */
    @Test
    void anEditCommittedWhileASyncOfOlderDataIsInFlightIsStillUnpushedWhenItsOwnMessageIsLost() throws Exception {
        String interest = unique("Edit In Flight");
        String email = uniqueEmail("in.flight");
        long listId = crm.syncedList(interest);
        int contactId = crm.contact("In", "Flight", email);
        crm.handPickAfterItsFirstSync(listId, contactId, SyncState.SYNCED);

        SyncGate.Hold olderData = gate.holdNextContactSync(Point.CONTACT_HELD, contactId);
        contacts.update(contactId, CrmFixture.draft("In", "Flight Saved", email, null, null));
        olderData.awaitHeld(PATIENCE);
        long handledBefore = sync.handledCount(AggregateKind.CONTACT, contactId);
        editTitleWithoutSyncMessage(contactId, "Edited Meanwhile");
        olderData.release();
        sync.await("the held sync booked", () -> sync.handledCount(AggregateKind.CONTACT, contactId) > handledBefore
                && crm.isInState(contactId, listId, SyncState.SYNCED), PATIENCE);
        assertEquals("Flight Saved", informzField(email, "Last_Name"), "the held sync pushed the data it had read");
        assertEquals("Sales Manager", informzField(email, "Title"), "the held sync pushed the data it had read");

        unpushedEdits.requestSync(SyncTrigger.NIGHTLY);
        sync.await("the edit made meanwhile in Informz", () -> "Edited Meanwhile".equals(informzField(email, "Title")),
                () -> crm.informz().subscriber(email) + "; " + crm.describeSync(listId, contactId), PATIENCE);
    }

    /**
     * Saves the contact's title as a save would (stamped, versioned) but with a bulk update, which runs
     * no entity callback and so sends no sync message: as if the save's message were lost.
     */
    private void editTitleWithoutSyncMessage(int contactId, String title) throws Exception {
        transaction.begin();
        em.createQuery("update Contact c set c.title = :title, c.updatedAt = :now, c.version = c.version + 1 where c.id = :id")
                .setParameter("title", title).setParameter("now", OffsetDateTime.now(ZoneOffset.UTC))
                .setParameter("id", contactId)
                .executeUpdate();
        transaction.commit();
    }

    private String informzField(String email, String field) {
        return crm.informz().subscriber(email).map(s -> s.getJsonObject("fields").getString(field, "")).orElse("");
    }

    /** Informz calls so far whose document names one of the addresses. */
    private int callsAbout(String... emails) {
        int calls = 0;
        for (String email : emails) {
            calls += crm.informz().callsMentioning(email, 1000).size();
        }
        return calls;
    }

    private static String lower(String email) {
        return email.toLowerCase(Locale.ROOT);
    }

    /** As {@link SyncGate.Hold#awaitHeld}; a timeout also says what the list's sync did meanwhile. */
    private void awaitHeld(SyncGate.Hold hold, long listId, int contactId) throws InterruptedException {
        try {
            hold.awaitHeld(PATIENCE);
        } catch (AssertionError notHeld) {
            throw new AssertionError(notHeld.getMessage() + "; " + crm.describeSync(listId, contactId)
                    + "; messages about the list handled: " + sync.handledAbout(AggregateKind.LIST, listId), notHeld);
        }
    }

    /**
     * Until the contact's own sync has run and committed. A message counted as handled may be a sync
     * put off for later (while Informz is down, say), which would then push the contact by itself.
     */
    private void awaitOwnSyncDone(int contactId) throws InterruptedException {
        sync.await("the contact's own sync run and committed", () -> gate.passedCount(Point.CONTACT_HELD, contactId) > 0
                && sync.lastHandledNanos(AggregateKind.CONTACT, contactId) > gate.lastPassedNanos(Point.CONTACT_HELD, contactId),
                PATIENCE);
    }
}
