package com.idss.informzsync.it;

import static com.idss.informzsync.it.CrmFixture.unique;
import static com.idss.informzsync.it.CrmFixture.uniqueEmail;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.idss.informzsync.application.crm.ContactService;
import com.idss.informzsync.application.crm.DistributionListService;
import com.idss.informzsync.application.sync.AggregateKind;
import com.idss.informzsync.application.sync.InformzConnection;
import com.idss.informzsync.application.sync.InformzConnectionMonitor;
import com.idss.informzsync.application.sync.InformzPort;
import com.idss.informzsync.application.sync.NightlyReconcile;
import com.idss.informzsync.application.sync.SyncCommands;
import com.idss.informzsync.application.sync.SyncMessage;
import com.idss.informzsync.domain.sync.ContactListSyncState;
import com.idss.informzsync.domain.sync.ListSyncRun;
import com.idss.informzsync.domain.sync.SyncState;
import jakarta.annotation.Resource;
import jakarta.ejb.EJBException;
import jakarta.inject.Inject;
import jakarta.jms.JMSContext;
import jakarta.jms.Queue;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.UserTransaction;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The sync's behaviour around the customer's sentences: failures, corrections, concurrency. */
@ExtendWith(ArquillianExtension.class)
class SyncBehaviourIT {

    static final Duration PATIENCE = Duration.ofSeconds(30);

    @Deployment
    static EnterpriseArchive deployment() {
        return Deployments.productEarWith(SyncBehaviourIT.class, FirstDeliveryFails.class);
    }

    @Inject
    CrmFixture crm;

    @Inject
    SyncRecorder sync;

    @Inject
    ContactService contacts;

    @Inject
    DistributionListService lists;

    @Inject
    InformzConnection.Monitor connection;

    @Inject
    InformzConnectionMonitor breaker;

    @Inject
    InformzPort informz;

    @Inject
    SyncCommands commands;

    @Inject
    FirstDeliveryFails firstDeliveryFails;

    @Inject
    NightlyReconcile nightly;

    @PersistenceContext(unitName = "crm")
    EntityManager em;

    @Inject
    JMSContext jms;

    @Resource(lookup = "java:/jms/queue/IdssSync")
    Queue syncQueue;

    @Resource
    UserTransaction transaction;

    @Test
    void aRolledBackSaveSendsNothingToInformz() throws Exception {
        String interest = unique("Rollback");
        long listId = crm.syncedList(interest);
        String rolledBack = uniqueEmail("rolled.back");
        transaction.begin();
        int ghost = contacts.create(CrmFixture.draft("Never", "Saved", rolledBack, null, null));
        contacts.setDistributionLists(ghost, Set.of(listId));
        transaction.rollback();

        String committed = uniqueEmail("committed");
        lists.addMembers(listId, List.of(crm.contact("Was", "Saved", committed)));
        sync.await("the committed contact", () -> crm.informz().membersOf(interest).contains(committed), PATIENCE);
        assertTrue(crm.informz().subscribersWithEmail(rolledBack).isEmpty());
    }

    @Test
    void contactSyncsWaitingInTheQueueShareSubscribeCallsAndEachComesOutSynced() throws Exception {
        int count = 20;
        String token = "waiting-" + UUID.randomUUID().toString().substring(0, 8);
        Integer[] ids = new Integer[count];
        for (int i = 0; i < count; i++) {
            ids[i] = crm.contact("Waiting", "Number " + i, token + "." + i + "@example.org");
        }
        String interest = unique("Waiting together");
        long listId = crm.listWithSyncedMembers(interest, ids);
        Map<Integer, Long> handledBefore = new HashMap<>();
        for (int id : ids) {
            handledBefore.put(id, sync.handledCount(AggregateKind.CONTACT, id));
        }
        long subscribesBefore = subscribeCallsMentioning(token);

        // One commit puts every resync on the queue at once: more than the listener's sessions can
        // take one by one, so most of them wait in the queue for the first contact sync to take.
        transaction.begin();
        for (int id : ids) {
            commands.resyncContact(id);
        }
        transaction.commit();
        sync.await("every resync handled", () -> handledBefore.entrySet().stream()
                .allMatch(e -> sync.handledCount(AggregateKind.CONTACT, e.getKey()) > e.getValue()), PATIENCE);

        long subscribes = subscribeCallsMentioning(token) - subscribesBefore;
        assertTrue(subscribes >= 1 && subscribes < count,
                count + " contacts resynced at once went to Informz in " + subscribes + " Subscribe calls");
        for (int id : ids) {
            assertTrue(crm.isInState(id, listId, SyncState.SYNCED), crm.describeSync(listId, id));
            assertTrue(crm.contactById(id).getInformzSubscriberId() != null, "contact " + id + " has its Informz code");
        }
        assertEquals(count, crm.informz().activeMembersOf(interest).stream().filter(e -> e.startsWith(token)).count());
    }

    private long subscribeCallsMentioning(String token) {
        return crm.informz().callsMentioning(token, 5000).stream()
                .filter(c -> c.getString("operation", "").contains("Subscribe"))
                .count();
    }

    @Test
    void aListWhoseInterestIsMissingHasOneRetryOnItsWayHoweverOftenItFailed() throws Exception {
        String interest = unique("Interest made later");
        long listId = crm.syncedListWithoutInformzInterest(interest);
        String email = uniqueEmail("waits.for.interest");
        lists.addMembers(listId, List.of(crm.contact("Waits", "ForInterest", email)));
        for (int click = 0; click < 4; click++) {
            commands.syncListNow(listId); // never coalesced: each one reconciles, and fails on the interest
        }
        // The four reconcile one after another (the list's writer lock), so once the fourth has failed
        // the retries the first three scheduled are on record.
        sync.await("four manual reconciles failed on the missing interest", () -> crm.runs(listId).stream()
                .filter(r -> r.getTrigger() == ListSyncRun.Trigger.SYNC_NOW && r.getStatus() == ListSyncRun.Status.FAILED)
                .count() == 4 && sync.handledAbout(AggregateKind.LIST, listId).stream()
                .filter(m -> m.contains("\"trigger\":\"manual\"") && !m.contains("\"attempt\"")).count() >= 4, PATIENCE);

        // Without the pending-retry check every failure started a chain of its own: the list's first
        // retry was scheduled once per failure (six here: its own two messages and the four clicks).
        // A retry counts as pending once its transaction has committed, so a failure that asks in the
        // moment between the previous failure's commit (which frees the list) and that record may start
        // a second chain; the two merge when one of them fails while the other is pending.
        List<Integer> attempts = sync.retryAttemptsScheduled(AggregateKind.LIST, listId);
        assertTrue(attempts.stream().filter(attempt -> attempt == 1).count() <= 2, "retries of the list scheduled: " + attempts);

        crm.informz().createInterest(interest);
        sync.await("the contact in Informz once the interest exists, by the list's retry", () -> crm.runs(listId).stream()
                .anyMatch(r -> r.getTrigger() == ListSyncRun.Trigger.RETRY && r.getStatus() == ListSyncRun.Status.COMPLETED)
                && crm.informz().membersOf(interest).contains(email), PATIENCE);
    }

    @Test
    void anOutageThenRecoveryDeliversEverythingWithoutManualSteps() throws Exception {
        String interest = unique("Outage");
        long listId = crm.syncedList(interest);
        String email = uniqueEmail("during.outage");
        crm.informz().injectFaults("http-503", 4, null);
        int contactId = crm.contact("During", "Outage", email);
        contacts.setDistributionLists(contactId, Set.of(listId));

        sync.await("the connection to go down", () -> !connection.current().up(), PATIENCE);
        sync.await("the contact in Informz after the outage", () -> crm.isInState(contactId, listId, SyncState.SYNCED)
                && crm.informz().membersOf(interest).contains(email), PATIENCE);
        // Other syncs may still be taking the last injected failures: the connection comes back once they pass.
        sync.await("the connection up again by itself", () -> connection.current().up(), PATIENCE);
    }

    @Test
    void aRefusedConnectionPausesSendingAndResumesByItself() throws Exception {
        String interest = unique("IP Allow List");
        long listId = crm.syncedList(interest);
        String email = uniqueEmail("ip.not.allowed");
        int contactId = crm.contact("Ip", "Refused", email);
        contacts.setDistributionLists(contactId, Set.of(listId));
        crm.awaitState(contactId, listId, SyncState.SYNCED);
        // The push's id write-back comes after the state: were it refused, the list's retries could
        // take every probe, and the edit's sync, waiting behind them, would never say "retrying".
        sync.await("the contact's subscriber id written back, and no run of the list under way", () ->
                crm.contactById(contactId).getInformzSubscriberId() != null
                        && crm.runs(listId).stream().noneMatch(r -> r.getStatus() == ListSyncRun.Status.RUNNING), PATIENCE);

        crm.informz().callerIpAllowed(false);
        try {
            // A plain edit: one sync message, for this contact only.
            contacts.update(contactId, CrmFixture.draft("Ip", "Refused Again", email, null, null));
            sync.await("the connection down for the IP allow-list", () -> !connection.current().up()
                    && connection.current().reason().contains("NoAvailableIPAddressException"), PATIENCE);
            crm.awaitState(contactId, listId, SyncState.RETRYING);
        } finally {
            crm.informz().callerIpAllowed(true);
        }
        sync.await("the edit in Informz once allowed", () -> crm.isInState(contactId, listId, SyncState.SYNCED)
                && crm.informz().subscriber(email).map(s -> s.getJsonObject("fields").getString("Last_Name", ""))
                        .orElse("").equals("Refused Again"), PATIENCE);
        sync.await("the connection up again by itself", () -> connection.current().up(), PATIENCE);
    }

    /**
     * An answer from Informz ends an outage at once, whichever sync got it: a list's run let through
     * as the breaker's probe would otherwise keep every other sync waiting until its last batch.
     */
    @Test
    void anAnsweredCallEndsAnOutageAtOnce() {
        crm.informz().clearFaults(); // no call of an earlier test's may fail meanwhile
        breaker.failed("made down by " + getClass().getSimpleName()); // no probe is let through for a second
        informz.subscriberIds(List.of(uniqueEmail("answered.call")));
        assertTrue(connection.current().up(), "up as soon as Informz answered: " + connection.current());
    }

    @Test
    void aContactDeactivatedDuringAnOutageLeavesTheGroupOnceInformzIsBack() throws Exception {
        String interest = unique("Outage Deactivation");
        String email = uniqueEmail("leaving.during.outage");
        int contactId = crm.contact("Leaving", "During Outage", email);
        long listId = crm.syncedList(interest);
        contacts.setDistributionLists(contactId, Set.of(listId));
        crm.awaitState(contactId, listId, SyncState.SYNCED);

        crm.informz().injectFaultsInCallsMentioning(email, "http-503", 3, null);
        contacts.deactivate(contactId);
        // The contact's own sync or the list's reconcile, whichever opts the address out first, meets the
        // failures (the other finds it done): so the wait is for Informz to have refused all three.
        sync.await("Informz to refuse three calls about the address", () -> crm.informz().callsMentioning(email, 50).stream()
                .filter(call -> call.getString("outcome", "").startsWith("injected")).count() == 3, PATIENCE);
        sync.await("the address off the group after the outage", () -> !crm.informz().membersOf(interest).contains(email)
                && crm.isInState(contactId, listId, SyncState.REMOVED), PATIENCE);
    }

    @Test
    void aContactTakenOffAListWhileTheListsPushIsUnansweredLeavesTheGroup() throws Exception {
        String interest = unique("Unanswered List Push");
        // Only the Subscribe document carries the contact's fields: its replies get lost, the opt-out's do not.
        String firstName = unique("Unanswered");
        String email = uniqueEmail("unanswered.list.push");
        int contactId = crm.contact(firstName, "Member", email);
        long listId = crm.syncedList(interest);
        // From here on only the list's reconcile pushes this contact: its own sync ran when it was created.
        sync.awaitHandled(AggregateKind.CONTACT, contactId, PATIENCE);
        crm.informz().injectFaultsInCallsMentioning(firstName, "lost-reply", 1000, null);
        lists.addMembers(listId, List.of(contactId));
        sync.await("pushed by the list, applied, its reply lost", () -> crm.isInState(contactId, listId, SyncState.RETRYING)
                && crm.informz().membersOf(interest).contains(email), PATIENCE);

        // A list-level change: no sync of the contact itself follows, only the list's reconcile.
        lists.removeMembers(listId, List.of(contactId));
        sync.await("the address off the group", () -> !crm.informz().membersOf(interest).contains(email)
                && crm.isInState(contactId, listId, SyncState.REMOVED), PATIENCE);
    }

    @Test
    void anAddressInformzHoldsForAContactInDoubtButTheCrmNoLongerWantsLeavesTheGroup() throws Exception {
        String interest = unique("Stray Address");
        String email = uniqueEmail("current.address");
        String stray = uniqueEmail("stray.address");
        int contactId = crm.contact("Stray", "Address", email);
        long listId = crm.syncedList(interest);
        contacts.setDistributionLists(contactId, Set.of(listId));
        crm.awaitState(contactId, listId, SyncState.SYNCED);
        // What a lost reply racing a list sync can leave behind: an address of the contact's that no state names.
        informz.subscribe(List.of(interest), List.of(new InformzPort.Subscriber(contactId, stray, Map.of())));
        assertTrue(crm.informz().membersOf(interest).contains(stray));

        // A push that gets no answer puts the contact's sync in doubt: the next attempt asks Informz what it holds.
        crm.informz().injectFaultsInCallsMentioning(email, "http-503", 1, null);
        contacts.update(contactId, CrmFixture.draft("Stray", "Address Again", email, null, null));
        sync.await("the stray address off the group, the current one on it", () -> {
            Set<String> members = crm.informz().membersOf(interest);
            return !members.contains(stray) && members.contains(email) && crm.isInState(contactId, listId, SyncState.SYNCED);
        }, PATIENCE);
    }

    @Test
    void aListSyncLeavesAContactInDoubtToItsOwnSyncWhichAsksInformzFirst() throws Exception {
        // Nothing about the contact may still be in flight: the test writes its state row below.
        CrmFixture.SyncedContact synced = crm.contactSyncedOnNewList("Doubt Left", "In", "Doubt");
        String interest = synced.interest();
        String email = synced.email();
        String stray = uniqueEmail("in.doubt.stray");
        int contactId = synced.contactId();
        long listId = synced.listId();
        // A push of the contact's that got no answer: its state says so, and Informz may hold an
        // address no state names.
        informz.subscribe(List.of(interest), List.of(new InformzPort.Subscriber(contactId, stray, Map.of())));
        transaction.begin();
        em.createQuery("select s from ContactListSyncState s where s.contactId = :contactId and s.listId = :listId",
                        ContactListSyncState.class)
                .setParameter("contactId", contactId).setParameter("listId", listId).getSingleResult()
                .retryAt(OffsetDateTime.now(ZoneOffset.UTC).plusHours(1), "Informz unreachable: no answer", null);
        transaction.commit();

        // The list's sync must not settle the doubt by pushing and booking; the contact's own sync asks Informz.
        commands.syncListNow(listId);
        sync.await("the stray address off the group, the current one on it, the contact synced", () -> {
            Set<String> members = crm.informz().membersOf(interest);
            return !members.contains(stray) && members.contains(email) && crm.isInState(contactId, listId, SyncState.SYNCED);
        }, PATIENCE);
    }

    @Test
    void aListSyncDeliveredAgainAfterAFailedAttemptTakesOffAddressesNoStateNames() throws Exception {
        String interest = unique("Redelivered Reconcile");
        String memberEmail = uniqueEmail("still.member");
        String leftEmail = uniqueEmail("left.meanwhile");
        int member = crm.contact("Still", "Member", memberEmail);
        int left = crm.contact("Left", "Meanwhile", leftEmail);
        long listId = crm.listWithSyncedMembers(interest, member);
        // What an attempt whose booking lost to a concurrent contact sync leaves behind, once the
        // contact has left the list: an address on the interest that no state names.
        informz.subscribe(List.of(interest), List.of(new InformzPort.Subscriber(left, leftEmail, Map.of())));
        assertTrue(crm.informz().membersOf(interest).contains(leftEmail));

        firstDeliveryFails.arm(new SyncMessage(AggregateKind.LIST, listId).groupId());
        commands.syncListNow(listId);
        sync.await("the list's sync to fail once", firstDeliveryFails::failed, PATIENCE);
        sync.await("the list's sync delivered again to take the unnamed address off", () -> {
            Set<String> members = crm.informz().membersOf(interest);
            return !members.contains(leftEmail) && members.contains(memberEmail);
        }, PATIENCE);
    }

    @Test
    void anEditWhoseSyncMessageWasLostReachesInformzAtTheNightlyCheck() throws Exception {
        String interest = unique("Lost Edit");
        String email = uniqueEmail("lost.edit");
        int contactId = crm.contact("Lost", "Edit", email);
        long listId = crm.listWithSyncedMembers(interest, contactId);

        // A bulk update runs no entity callback, so no sync message: as if the edit's message was lost.
        // It stamps and versions the row as a save does.
        transaction.begin();
        em.createQuery("update Contact c set c.title = :title, c.updatedAt = :now, c.version = c.version + 1 where c.id = :id")
                .setParameter("title", "Edited Unsent").setParameter("now", OffsetDateTime.now(ZoneOffset.UTC))
                .setParameter("id", contactId)
                .executeUpdate();
        transaction.commit();

        nightly.requestNightlyChecks();
        sync.await("the edit in Informz", () -> crm.informz().subscriber(email)
                .map(s -> s.getJsonObject("fields").getString("Title", "")).orElse("").equals("Edited Unsent"), PATIENCE);
    }

    @Test
    void writingTheSubscriberIdBackIsNotAnEditOfTheContact() throws Exception {
        String interest = unique("Write Back");
        long listId = crm.syncedList(interest);
        int contactId = crm.contact("Written", "Back", uniqueEmail("written.back"));
        contacts.setDistributionLists(contactId, Set.of(listId));
        sync.await("a first subscriber id", () -> crm.contactById(contactId).getInformzSubscriberId() != null, PATIENCE);
        long firstSubscriberId = crm.contactById(contactId).getInformzSubscriberId();

        // A new address is a new Informz subscriber: the contact's own sync writes its id back.
        contacts.update(contactId, CrmFixture.draft("Written", "Back", uniqueEmail("written.again"), null, null));
        long versionAfterTheSave = crm.contactById(contactId).getVersion();
        sync.await("the new subscriber id written back",
                () -> !Long.valueOf(firstSubscriberId).equals(crm.contactById(contactId).getInformzSubscriberId()), PATIENCE);
        // Otherwise a user saving the contact meanwhile would be refused with an edit conflict.
        assertEquals(versionAfterTheSave, crm.contactById(contactId).getVersion());
    }

    @Test
    void aDuplicateWhoseEmailIsFixedSyncsAsItself() throws Exception {
        String interest = unique("Duplicate Fix");
        String shared = uniqueEmail("shared");
        int owner = crm.contact("Owner", "Record", shared);
        int duplicate = crm.contact("Duplicate", "Record", shared);
        long listId = crm.syncedListWith(interest, owner, duplicate);
        crm.awaitState(duplicate, listId, SyncState.DUPLICATE);

        String fixed = uniqueEmail("fixed");
        contacts.update(duplicate, CrmFixture.draft("Duplicate", "Record", fixed, null, null));
        sync.await("both in Informz", () -> crm.informz().membersOf(interest).equals(Set.of(shared, fixed))
                && crm.isInState(duplicate, listId, SyncState.SYNCED), PATIENCE);
    }

    @Test
    void whenTheOwnerOfASharedEmailIsDeactivatedItsDuplicateTakesOver() throws Exception {
        String interest = unique("Duplicate Takeover");
        String shared = uniqueEmail("taken.over");
        int owner = crm.contact("Leaving", "Owner", shared);
        int duplicate = crm.contact("Staying", "Duplicate", shared);
        long listId = crm.syncedListWith(interest, owner, duplicate);
        crm.awaitState(owner, listId, SyncState.SYNCED);

        contacts.deactivate(owner);
        sync.await("the duplicate synced in its place", () -> crm.isInState(duplicate, listId, SyncState.SYNCED)
                && crm.informz().membersOf(interest).equals(Set.of(shared)), PATIENCE);
    }

    @Test
    void aDuplicateOfAnOwnerThatNeverSyncedTakesOverWhenTheOwnerChangesItsEmail() throws Exception {
        String interest = unique("Unsynced Owner");
        String shared = uniqueEmail("unsynced.owner");
        int owner = crm.contact("Older", "Unlisted", shared); // on no synced list: never pushed, still the owner
        int duplicate = crm.contact("Newer", "Listed", shared);
        long listId = crm.syncedListWith(interest, duplicate);
        crm.awaitState(duplicate, listId, SyncState.DUPLICATE);

        contacts.update(owner, CrmFixture.draft("Older", "Unlisted", uniqueEmail("moved.away"), null, null));
        sync.await("the former duplicate synced as the address's owner", () -> crm.isInState(duplicate, listId, SyncState.SYNCED)
                && crm.informz().membersOf(interest).equals(Set.of(shared)), PATIENCE);
    }

    @Test
    void aContactInformzKnowsThatTakesASharedAddressMakesTheFormerOwnerADuplicate() throws Exception {
        String holdersInterest = unique("Address Holder");
        String takersInterest = unique("Address Taker");
        String taken = uniqueEmail("taken");
        int taker = crm.contact("Older", "Taker", uniqueEmail("taker.before"));
        int holder = crm.contact("Newer", "Holder", taken);
        long holdersList = crm.syncedList(holdersInterest);
        long takersList = crm.syncedList(takersInterest);
        lists.addMembers(holdersList, List.of(holder));
        lists.addMembers(takersList, List.of(taker));
        sync.await("both known to Informz", () -> crm.isInState(holder, holdersList, SyncState.SYNCED)
                && crm.isInState(taker, takersList, SyncState.SYNCED)
                && crm.contactById(taker).getInformzSubscriberId() != null, PATIENCE);

        // Both have a subscriber ID now, so the older record owns the address it takes.
        contacts.update(taker, CrmFixture.draft("Older", "Taker", taken, null, null));
        sync.await("the former owner a duplicate, its interest without the address, the taker's with it",
                () -> crm.isInState(holder, holdersList, SyncState.DUPLICATE)
                        && crm.informz().membersOf(holdersInterest).isEmpty()
                        && crm.informz().membersOf(takersInterest).equals(Set.of(taken)), PATIENCE);
    }

    @Test
    void anEmailChangeOptsTheOldAddressOutAndSubscribesTheNewOne() throws Exception {
        String interest = unique("Email Change");
        String oldEmail = uniqueEmail("old");
        int contactId = crm.contact("Changing", "Email", oldEmail);
        long listId = crm.syncedListWith(interest, contactId);
        sync.await("the old address synced", () -> crm.contactById(contactId).getInformzSubscriberId() != null, PATIENCE);
        long oldSubscriberId = crm.contactById(contactId).getInformzSubscriberId();

        String newEmail = uniqueEmail("new");
        contacts.update(contactId, CrmFixture.draft("Changing", "Email", newEmail, null, null));
        sync.await("only the new address on the group", () -> crm.informz().membersOf(interest).equals(Set.of(newEmail)), PATIENCE);
        sync.await("the new subscriber id written back",
                () -> !Long.valueOf(oldSubscriberId).equals(crm.contactById(contactId).getInformzSubscriberId()), PATIENCE);
        assertEquals(crm.informz().subscriber(newEmail).orElseThrow().getJsonNumber("subscriber_id").longValue(),
                crm.contactById(contactId).getInformzSubscriberId());
    }

    @Test
    void aReactivatedContactIsAddedBack() throws Exception {
        String interest = unique("Reactivation");
        String email = uniqueEmail("back");
        int contactId = crm.contact("Coming", "Back", email);
        long listId = crm.syncedListWith(interest, contactId);
        sync.await("synced", () -> crm.informz().membersOf(interest).contains(email), PATIENCE);
        contacts.deactivate(contactId);
        sync.await("removed", () -> !crm.informz().membersOf(interest).contains(email), PATIENCE);

        contacts.reactivate(contactId);
        sync.await("added back", () -> crm.informz().membersOf(interest).contains(email)
                && crm.isInState(contactId, listId, SyncState.SYNCED), PATIENCE);
    }

    @Test
    void aRedeliveredMessageHasNoDoubleEffect() throws Exception {
        String interest = unique("Redelivery");
        String email = uniqueEmail("twice");
        int contactId = crm.contact("Sent", "Twice", email);
        long listId = crm.listWithSyncedMembers(interest, contactId);
        long handledBefore = sync.handledCount(AggregateKind.CONTACT, contactId);

        String message = new SyncMessage(AggregateKind.CONTACT, contactId).toJson();
        jms.createProducer().send(syncQueue, message);
        jms.createProducer().send(syncQueue, message);
        sync.await("both copies consumed", () -> sync.handledCount(AggregateKind.CONTACT, contactId) >= handledBefore + 2, PATIENCE);

        assertEquals(1, crm.informz().subscribersWithEmail(email).size());
        assertEquals(Set.of(email), crm.informz().membersOf(interest));
        assertEquals(SyncState.SYNCED, crm.state(contactId, listId).orElseThrow().getState());
    }

    @Test
    void concurrentEditsOfOneContactConvergeOnTheLastSavedState() throws Exception {
        String interest = unique("Concurrent");
        String email = uniqueEmail("busy");
        int contactId = crm.contact("Busy", "Contact", email);
        long listId = crm.syncedListWith(interest, contactId);

        ExecutorService editors = Executors.newFixedThreadPool(6);
        try {
            List<Callable<Void>> edits = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                String title = "Title " + i;
                edits.add(() -> {
                    saveTitleRetryingOnConflict(contactId, email, title);
                    return null;
                });
            }
            for (Future<Void> edit : editors.invokeAll(edits)) {
                edit.get();
            }
        } finally {
            editors.shutdown();
        }
        String lastSaved = crm.contactById(contactId).getTitle();
        sync.await("Informz to hold the last saved title", () -> crm.informz().subscriber(email)
                .map(s -> s.getJsonObject("fields").getString("Title", "")).orElse("").equals(lastSaved), PATIENCE);
        assertEquals(1, crm.informz().subscribersWithEmail(email).size());
    }

    @Test
    void aListWhoseInterestIsMissingInInformzSaysWhatToCreateAndResyncsOnceItExists() throws Exception {
        String interest = unique("Not Yet In Informz");
        String email = uniqueEmail("waiting");
        int contactId = crm.contact("Waiting", "ForInterest", email);
        long listId = crm.syncedListWithoutInformzInterest(interest);
        lists.addMembers(listId, List.of(contactId));

        sync.await("a list-level error", () -> crm.latestRun(listId)
                .filter(r -> r.getStatus() == ListSyncRun.Status.FAILED).isPresent(), PATIENCE);
        String message = crm.latestRun(listId).orElseThrow().getMessage();
        assertTrue(message.contains("Create it in Informz") && message.contains(interest), message);

        crm.informz().createInterest(interest);
        sync.await("the list synced once the interest exists", () -> crm.informz().membersOf(interest).contains(email), PATIENCE);
    }

    @Test
    void namesWithXmlSpecialCharactersAndNonAsciiTextArriveIntact() throws Exception {
        String interest = unique("Special <&> \"Characters\"");
        String email = uniqueEmail("obrien");
        String firstName = "O'Brien & <Sons> \"Ltd\"";
        String lastName = "Ñúñez 山田 😀 مرحبا";
        int contactId = crm.contact(firstName, lastName, email);
        long listId = crm.syncedListWith(interest, contactId);

        crm.awaitState(contactId, listId, SyncState.SYNCED);
        JsonObject fields = crm.informz().subscriber(email).orElseThrow().getJsonObject("fields");
        assertEquals(firstName, fields.getString("First_Name"));
        assertEquals(lastName, fields.getString("Last_Name"));
        assertFalse(crm.informz().membersOf(interest).isEmpty());
    }

    @Test
    void aContactWithAnInvalidEmailIsExplainedAndTheRestOfTheListStillSyncs() throws Exception {
        String interest = unique("Bad Data");
        String good = uniqueEmail("good");
        int goodId = crm.contact("Good", "Address", good);
        int invalid = crm.contact("Bad", "Address", "not-an-address");
        int none = crm.contact("No", "Address", null);
        long listId = crm.syncedListWith(interest, goodId, invalid, none);

        sync.await("the good one synced and the others explained", () -> crm.isInState(goodId, listId, SyncState.SYNCED)
                        && crm.isInState(invalid, listId, SyncState.INVALID_EMAIL)
                        && crm.isInState(none, listId, SyncState.NO_EMAIL),
                () -> crm.describeSync(listId, goodId, invalid, none), PATIENCE);
        assertEquals(Set.of(good), crm.informz().membersOf(interest));
        assertNotEquals(null, crm.state(invalid, listId).orElseThrow().getMessage());
    }

    private void saveTitleRetryingOnConflict(int contactId, String email, String title) {
        for (int attempt = 0; ; attempt++) {
            try {
                var current = crm.contactById(contactId);
                contacts.update(contactId, new com.idss.informzsync.application.crm.ContactDraft(current.getFirstName(),
                        current.getLastName(), title, email, current.getPhone(), current.getCity(), current.getState(),
                        current.getPostalCode(), null, Set.of()));
                return;
            } catch (EJBException conflict) {
                if (attempt > 50) {
                    throw conflict;
                }
            }
        }
    }
}
