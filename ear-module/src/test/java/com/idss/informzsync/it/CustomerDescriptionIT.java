package com.idss.informzsync.it;

import static com.idss.informzsync.it.CrmFixture.unique;
import static com.idss.informzsync.it.CrmFixture.uniqueEmail;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.idss.informzsync.application.crm.AccountDraft;
import com.idss.informzsync.application.crm.AccountService;
import com.idss.informzsync.application.crm.ContactService;
import com.idss.informzsync.application.crm.DistributionListService;
import com.idss.informzsync.application.sync.InformzPort;
import com.idss.informzsync.application.sync.NightlyReconcile;
import com.idss.informzsync.application.sync.SyncCommands;
import com.idss.informzsync.domain.account.AccountType;
import com.idss.informzsync.domain.list.query.ContactField;
import com.idss.informzsync.domain.list.query.Criterion;
import com.idss.informzsync.domain.sync.ContactListSyncState;
import com.idss.informzsync.domain.sync.InformzCall;
import com.idss.informzsync.domain.sync.ListSyncRun;
import com.idss.informzsync.domain.sync.SyncState;
import jakarta.annotation.Resource;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.UserTransaction;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * One test per sentence of the customer's description of iDSS's Informz sync (issue 5), against the
 * real server, the real queue and the Informz simulator over HTTP.
 */
@ExtendWith(ArquillianExtension.class)
class CustomerDescriptionIT {

    static final Duration PATIENCE = Duration.ofSeconds(30);

    @Deployment
    static EnterpriseArchive deployment() {
        return Deployments.productEarWith(CustomerDescriptionIT.class);
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
    AccountService accounts;

    @Inject
    SyncCommands commands;

    @Inject
    NightlyReconcile nightly;

    @Inject
    InformzPort informzPort;

    @PersistenceContext(unitName = "crm")
    EntityManager em;

    @Resource
    UserTransaction transaction;

    @Test
    void whenYouCreateDistributionListsByAddingContactsAndQueriesYouCanSyncThemToInformz() throws Exception {
        String interest = unique("Meeting Planners");
        String city = unique("Kissimmee");
        String handPickedEmail = uniqueEmail("hand.picked");
        String byQueryEmail = uniqueEmail("by.query");
        int handPicked = crm.contact("Hand", "Picked", handPickedEmail);
        crm.contact("By", "Query", byQueryEmail, null, city);
        crm.contact("Not", "OnTheList", uniqueEmail("not.on.the.list"));

        long listId = crm.syncedListWithQuery(interest, Criterion.equalTo(ContactField.CITY, city));
        lists.addMembers(listId, List.of(handPicked));

        sync.await("both contacts on " + interest,
                () -> crm.informz().membersOf(interest).equals(Set.of(handPickedEmail, byQueryEmail)), PATIENCE);
    }

    @Test
    void thisOccursInRealTimeAndCreatesACorrespondingInterestBasedTargetGroupInInformz() throws Exception {
        // Informz has no API to create interests (reference 4.6); the simulator's "create" mode stands
        // for an account where Subscribe creates them (assumption, docs/informz-assumptions.md).
        crm.informz().unknownInterestMode("create");
        try {
            String interest = unique("Hotel Partners");
            String email = uniqueEmail("real.time");
            int contactId = crm.contact("Real", "Time", email);
            long listId = lists.create(new com.idss.informzsync.application.crm.ListDraft(interest, null, null, true, true));
            lists.addMembers(listId, List.of(contactId));

            sync.await("the contact on a new target group", () -> crm.informz().membersOf(interest).contains(email), PATIENCE);
            assertTrue(crm.informz().hasTargetGroupFor(interest));
        } finally {
            crm.informz().unknownInterestMode("fault");
        }
    }

    @Test
    void allListsSyncedWithInformzAreReusableAndArePopulatedWithTheMostCurrentData() throws Exception {
        String interest = unique("Orlando Venues");
        String city = unique("Orlando");
        String first = uniqueEmail("first");
        String later = uniqueEmail("later");
        int firstId = crm.contact("First", "Member", first, null, city);
        long listId = crm.syncedListWithQuery(interest, Criterion.equalTo(ContactField.CITY, city));
        sync.await("the first member", () -> crm.informz().membersOf(interest).equals(Set.of(first)), PATIENCE);

        // The query is evaluated again on each change: a new contact that matches joins...
        crm.contact("Later", "Member", later, null, city);
        sync.await("the later member too", () -> crm.informz().membersOf(interest).equals(Set.of(first, later)), PATIENCE);
        // ...and a contact that stops matching leaves.
        contacts.update(firstId, CrmFixture.draft("First", "Member", first, null, unique("Tampa")));
        sync.await("only the later member", () -> crm.informz().membersOf(interest).equals(Set.of(later))
                && crm.isInState(firstId, listId, SyncState.REMOVED), PATIENCE);
    }

    @Test
    void syncsCanOccurAutomaticallyByUpdatingAListOrSendingAMailingOrManually() throws Exception {
        String interest = unique("Media");
        String tag = "media" + Math.abs(interest.hashCode());
        long listId = crm.syncedListWithQuery(interest, Criterion.equalTo(ContactField.TAG, tag));

        // Automatically, by updating the list:
        String handPicked = uniqueEmail("updated.list");
        lists.addMembers(listId, List.of(crm.contact("Updated", "List", handPicked)));
        sync.await("the hand-picked member", () -> crm.informz().membersOf(interest).contains(handPicked), PATIENCE);

        // A contact that matches the query but arrived without any CRM event (a data load):
        String loaded = uniqueEmail("bulk.loaded");
        int loadedId = insertContactBehindTheCrmsBack(loaded, tag);
        String manual = uniqueEmail("manual");
        int manualId = insertContactBehindTheCrmsBack(manual, tag);

        // ...is picked up when a mailing is sent to the list,
        commands.mailingSent(listId);
        sync.await("the loaded contact, before the mailing", () -> crm.informz().membersOf(interest).containsAll(Set.of(loaded, manual))
                && crm.isInState(loadedId, listId, SyncState.SYNCED), PATIENCE);

        // ...and manually ("Sync now") after someone leaves behind the CRM's back.
        deleteTagBehindTheCrmsBack(manualId, tag);
        commands.syncListNow(listId);
        sync.await("the manual sync to drop the untagged contact", () -> !crm.informz().membersOf(interest).contains(manual), PATIENCE);
    }

    @Test
    void contactsUpdateWithTheInformzSubscriberIdAfterTheSyncOccurs() throws Exception {
        String interest = unique("Subscriber Ids");
        String email = uniqueEmail("informz.code");
        int contactId = crm.contact("Informz", "Code", email);
        long listId = crm.syncedListWith(interest, contactId);

        sync.await("the subscriber id on the contact", () -> crm.contactById(contactId).getInformzSubscriberId() != null, PATIENCE);
        JsonObject subscriber = crm.informz().subscriber(email).orElseThrow();
        assertEquals(subscriber.getJsonNumber("subscriber_id").longValue(), crm.contactById(contactId).getInformzSubscriberId());
        assertEquals(contactId, subscriber.getJsonNumber("user_id").intValue(), "remote ID is the CRM contact id");
    }

    @Test
    void anyChangesMadeInCustomerRecordsOrToDistributionListsAlsoSyncWithInformzWhenTheChangesAreMadeAndSaved() throws Exception {
        String interest = unique("Attractions");
        String email = uniqueEmail("customer.record");
        String oldName = unique("Gatorland");
        long accountId = crm.account(oldName, AccountType.ATTRACTION, "Orlando");
        int contactId = crm.contact("Customer", "Record", email, accountId, "Orlando");
        long listId = crm.syncedListWith(interest, contactId);
        sync.await("the organisation in Informz", () -> organisationOf(email).equals(oldName), PATIENCE);

        String newName = unique("Gatorland Global");
        accounts.update(accountId, new AccountDraft(newName, AccountType.ATTRACTION, "14501 S Orange Blossom Trl", "Orlando", "FL", "32837", "US"));
        sync.await("the renamed organisation in Informz", () -> organisationOf(email).equals(newName), PATIENCE);

        String added = uniqueEmail("list.change");
        lists.addMembers(listId, List.of(crm.contact("List", "Change", added)));
        sync.await("the list change in Informz", () -> crm.informz().membersOf(interest).contains(added), PATIENCE);
    }

    @Test
    void whenAContactRecordThatHasAlreadyBeenSyncedIsDeactivatedInformzAlsoRemovesTheContactRecordFromTheTargetGroup()
            throws Exception {
        String interest = unique("Deactivation");
        String email = uniqueEmail("deactivated");
        int contactId = crm.contact("Soon", "Inactive", email);
        long listId = crm.listWithSyncedMembers(interest, contactId);

        contacts.deactivate(contactId);
        sync.await("the contact off the target group", () -> !crm.informz().membersOf(interest).contains(email), PATIENCE);
        JsonObject subscriber = crm.informz().subscriber(email).orElseThrow();
        assertFalse(subscriber.getBoolean("is_unsubscriber"), "an opt-out of the interest, never a global unsubscribe");
        crm.awaitState(contactId, listId, SyncState.REMOVED);
    }

    @Test
    void aContactHighlightedInRedHadAnErrorSyncingAndUncheckingSavingRecheckingAndSavingForcesAResync() throws Exception {
        String interest = unique("Red Contacts");
        String email = uniqueEmail("red");
        int contactId = crm.contact("Red", "Contact", email);
        long listId = crm.syncedList(interest);
        // Informz refuses every call about this contact until the fault is cleared: the list's own
        // reconcile would otherwise retry the contact and hide the error before anyone looks. The red
        // state is read before the fault is cleared, for that reconcile may come just after it.
        crm.informz().injectFaultsInCallsMentioning(email, "soap-fault", 1000, "InvalidDataFormatException");
        contacts.setDistributionLists(contactId, Set.of(listId));

        crm.awaitState(contactId, listId, SyncState.ERROR);
        ContactListSyncState red = crm.state(contactId, listId).orElseThrow();
        assertEquals(SyncState.ERROR, red.getState());
        assertTrue(red.getMessage().contains("InvalidDataFormatException"), red.getMessage());
        assertNotNull(red.getFailedCallId(), "the failed XML call is kept");
        InformzCall failedCall = crm.call(red.getFailedCallId());
        assertTrue(failedCall.getRequestDocument().contains(email), "the call is the contact's");
        assertTrue(failedCall.getRequestDocument().contains("<Password>***</Password>"), "password redacted");
        assertFalse(failedCall.getRequestDocument().contains("simulator-secret"));
        crm.informz().clearFaults();

        contacts.setDistributionLists(contactId, Set.of());
        contacts.setDistributionLists(contactId, Set.of(listId));
        sync.await("the resynced contact", () -> crm.isInState(contactId, listId, SyncState.SYNCED)
                && crm.informz().membersOf(interest).contains(email), PATIENCE);
    }

    @Test
    void ifTheWordDuplicateDisplaysAfterAContactItsEmailIsAlsoOnAnotherContactRecordBecauseInformzOnlyAllowsUniqueEmails()
            throws Exception {
        String interest = unique("Duplicates");
        String email = uniqueEmail("shared");
        int older = crm.contact("Older", "Record", email);
        int newer = crm.contact("Newer", "Record", "  " + email.toUpperCase() + " ");
        long listId = crm.syncedListWith(interest, older, newer);

        sync.await("one synced, one duplicate", () -> crm.isInState(older, listId, SyncState.SYNCED)
                && crm.isInState(newer, listId, SyncState.DUPLICATE), PATIENCE);
        assertEquals(1, crm.informz().subscribersWithEmail(email).size(), "never pushed twice");
        assertEquals(older, crm.informz().subscriber(email).orElseThrow().getJsonNumber("user_id").intValue(),
                "the older record owns the email");
        assertTrue(crm.state(newer, listId).orElseThrow().getMessage().contains("Duplicate"));
    }

    @Test
    void allListsAreManagedFromTheCrmAndChangesInInformzDoNotFlowBack() throws Exception {
        String interest = unique("One Way");
        String email = uniqueEmail("crm.member");
        int contactId = crm.contact("Crm", "Member", email);
        long listId = crm.listWithSyncedMembers(interest, contactId);
        long contactsBefore = crm.contactCount();

        // Someone adds subscribers to the group in Informz itself (one with a remote ID, one without,
        // as a person adding an address by hand).
        String stranger = uniqueEmail("added.in.informz");
        String strangerWithoutId = uniqueEmail("added.by.hand");
        informzPort.subscribe(List.of(interest), List.of(new InformzPort.Subscriber(999_999, stranger, Map.of()),
                new InformzPort.Subscriber(InformzPort.Subscriber.NO_CONTACT, strangerWithoutId, Map.of())));
        assertTrue(crm.informz().subscriber(strangerWithoutId).orElseThrow().isNull("user_id"), "on Informz without a remote ID");

        nightly.requestFor(listId);
        sync.await("Informz back to what the CRM says",
                () -> crm.informz().activeMembersOf(interest).equals(Set.of(email)), PATIENCE);
        assertEquals(contactsBefore, crm.contactCount(), "nothing flowed back into the CRM");
        assertTrue(crm.latestRun(listId).isPresent());
    }

    @Test
    void aPersonWhoUnsubscribedInInformzIsShownSoAndNeverResubscribed() throws Exception {
        CrmFixture.SyncedContact una = crm.contactSyncedOnNewList("Opted Out There", "Una", "Subscribed");

        // Una leaves the list's interest on Informz's preference page: the next check records it.
        crm.informz().personOptsOutOf(una.interest(), una.email());
        nightly.requestFor(una.listId());
        sync.await("Una recorded as unsubscribed there", () -> crm.isInState(una.contactId(), una.listId(), SyncState.UNSUBSCRIBED),
                () -> crm.describeSync(una.listId(), una.contactId()), PATIENCE);
        assertTrue(crm.state(una.contactId(), una.listId()).orElseThrow().getMessage().contains("from this list's interest"));

        // A save of the contact, and the next night, push her nowhere: she stays off the interest.
        crm.saveWithTitleAndAwaitItsSync(una.contactId(), "Director of Sales");
        int runs = crm.runs(una.listId()).size();
        nightly.requestFor(una.listId());
        // The night's check to completion, not whichever run is latest: a run that met the contact held
        // by another sync ends waiting, and the check goes on in a run of its own.
        sync.await("the next night's check done, counting her as in Informz but unsubscribed there", () -> crm.runs(una.listId())
                        .stream().skip(runs).anyMatch(r -> r.getStatus() == ListSyncRun.Status.COMPLETED && r.getExcludedUnsubscribed() == 1),
                () -> crm.describeSync(una.listId(), una.contactId()), PATIENCE);
        assertFalse(crm.informz().activeMembersOf(una.interest()).contains(una.email()), "never resubscribed");
        assertTrue(crm.isInState(una.contactId(), una.listId(), SyncState.UNSUBSCRIBED), crm.describeSync(una.listId(), una.contactId()));

        // Then she unsubscribes from all mail: a list made afterwards never gets her either.
        crm.informz().personUnsubscribesFromAllMail(una.email(), "Moving abroad");
        long second = crm.syncedListWithQuery(unique("Opted Out Everywhere"), Criterion.equalTo(ContactField.TAG, una.tag()));
        nightly.requestFor(second);
        sync.await("Una recorded as unsubscribed from all mail", () -> crm.isInState(una.contactId(), second, SyncState.UNSUBSCRIBED),
                () -> crm.describeSync(second, una.contactId()), PATIENCE);
        assertTrue(crm.state(una.contactId(), second).orElseThrow().getMessage().contains("from all mail") && crm.state(una.contactId(), second).orElseThrow().getMessage().contains("Moving abroad"));
        assertTrue(crm.informz().subscriber(una.email()).orElseThrow().getBoolean("is_unsubscriber"), "Informz unchanged by the sync");

        // None of it changed the CRM: the contact is as saved, active, and still on both lists.
        var contact = crm.contactById(una.contactId());
        assertTrue(contact.isActive());
        assertEquals(una.email(), contact.getEmail());
        assertEquals("Director of Sales", contact.getTitle());
        assertEquals("Una", contact.getFirstName());
        assertTrue(crm.isMember(una.contactId(), una.listId()) && crm.isMember(una.contactId(), second));

        // Only she can take it back, in Informz: then the check forgets it and the sync has her again.
        crm.informz().personResubscribesTo(una.interest(), una.email());
        nightly.requestFor(una.listId());
        sync.await("Una synced again after resubscribing herself",
                () -> crm.isInState(una.contactId(), una.listId(), SyncState.SYNCED),
                () -> crm.describeSync(una.listId(), una.contactId()) + "; Informz has " + crm.informz().subscribersWithEmail(una.email()),
                PATIENCE);
        nightly.requestFor(second);
        sync.await("and on the list made meanwhile", () -> crm.isInState(una.contactId(), second, SyncState.SYNCED),
                () -> crm.describeSync(second, una.contactId()), PATIENCE);
    }

    private String organisationOf(String email) {
        return crm.informz().subscriber(email)
                .map(s -> s.getJsonObject("fields").getString("Organization", ""))
                .orElse("");
    }

    /** A contact written straight to the tables, as a data load would: no lifecycle event, no sync yet. */
    private int insertContactBehindTheCrmsBack(String email, String tag) throws Exception {
        transaction.begin();
        // Far above anything the contact sequence hands out during a test run.
        int id = 1_900_000_000 + java.util.concurrent.ThreadLocalRandom.current().nextInt(100_000_000);
        em.createNativeQuery("INSERT INTO contact (id, email, email_normalized, first_name, last_name, active, version, "
                        + "created_at, updated_at) VALUES (?, ?, ?, 'Bulk', 'Loaded', TRUE, 0, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)")
                .setParameter(1, id).setParameter(2, email).setParameter(3, email.toLowerCase())
                .executeUpdate();
        em.createNativeQuery("INSERT INTO contact_tag (contact_id, tag) VALUES (?, ?)")
                .setParameter(1, id).setParameter(2, tag).executeUpdate();
        transaction.commit();
        return id;
    }

    private void deleteTagBehindTheCrmsBack(int contactId, String tag) throws Exception {
        transaction.begin();
        em.createNativeQuery("DELETE FROM contact_tag WHERE contact_id = ? AND tag = ?")
                .setParameter(1, contactId).setParameter(2, tag).executeUpdate();
        transaction.commit();
    }
}
