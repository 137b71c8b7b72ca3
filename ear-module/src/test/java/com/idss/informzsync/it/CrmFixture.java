package com.idss.informzsync.it;

import com.idss.informzsync.application.crm.AccountDraft;
import com.idss.informzsync.application.crm.AccountService;
import com.idss.informzsync.application.crm.ContactDraft;
import com.idss.informzsync.application.crm.ContactService;
import com.idss.informzsync.application.crm.DistributionListService;
import com.idss.informzsync.application.crm.ListDraft;
import com.idss.informzsync.application.sync.AggregateKind;
import com.idss.informzsync.application.sync.InformzConnectionMonitor;
import com.idss.informzsync.domain.account.AccountType;
import com.idss.informzsync.domain.contact.Contact;
import com.idss.informzsync.domain.list.ListMembership;
import com.idss.informzsync.domain.list.query.ContactField;
import com.idss.informzsync.domain.list.query.CriteriaGroup;
import com.idss.informzsync.domain.list.query.Criterion;
import com.idss.informzsync.domain.list.query.QueryNode;
import com.idss.informzsync.domain.sync.ContactListSyncState;
import com.idss.informzsync.domain.sync.InformzCall;
import com.idss.informzsync.domain.sync.InformzUnsubscribe;
import com.idss.informzsync.domain.sync.ListSyncRun;
import com.idss.informzsync.domain.sync.SyncState;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** Builds CRM data through the product's own use cases, and reads what the sync recorded. */
@ApplicationScoped
public class CrmFixture {

    @Inject
    ContactService contacts;

    @Inject
    DistributionListService lists;

    @Inject
    AccountService accounts;

    @Inject
    SyncRecorder sync;

    @Inject
    ListMembership membership;

    @Inject
    InformzConnectionMonitor connection;

    // Outside a transaction each call gets a fresh persistence context: reads see committed state.
    @PersistenceContext(unitName = "crm")
    EntityManager em;

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private final InformzSimulatorAdmin informz = new InformzSimulatorAdmin();

    public InformzSimulatorAdmin informz() {
        return informz;
    }

    /** A name no other test uses, so tests share the server and the simulator without resets. */
    public static String unique(String prefix) {
        return prefix + " " + UUID.randomUUID().toString().substring(0, 8);
    }

    public static String uniqueEmail(String localPart) {
        return localPart + "." + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
    }

    public long account(String name, AccountType type, String city) {
        return accounts.create(new AccountDraft(name, type, "1 Main St", city, "FL", "32801", "US"));
    }

    public int contact(String firstName, String lastName, String email) {
        return contacts.create(draft(firstName, lastName, email, null, null));
    }

    public int contact(String firstName, String lastName, String email, Long accountId, String city) {
        return contacts.create(draft(firstName, lastName, email, accountId, city));
    }

    public static ContactDraft draft(String firstName, String lastName, String email, Long accountId, String city) {
        return new ContactDraft(firstName, lastName, "Sales Manager", email, "+1 407 555 0100", city, "FL", "32801",
                accountId, Set.of());
    }

    /** A synced list whose Informz interest exists in the simulator. */
    public long syncedList(String name) {
        informz.createInterest(name);
        return syncedListWithoutInformzInterest(name);
    }

    /** A new synced list with these contacts hand-picked on it; returns at once, while the list syncs. */
    public long syncedListWith(String interest, Integer... contactIds) {
        long listId = syncedList(interest);
        lists.addMembers(listId, List.of(contactIds));
        return listId;
    }

    /** A new synced list with these contacts hand-picked on it, once every one of them is synced to it. */
    public long listWithSyncedMembers(String interest, Integer... contactIds) throws InterruptedException {
        long listId = syncedListWith(interest, contactIds);
        for (int contactId : contactIds) {
            awaitState(contactId, listId, SyncState.SYNCED);
        }
        return listId;
    }

    /**
     * Hand-picks an existing contact on the list once the contact's own first sync has run (so the
     * list's reconcile is what pushes it), and waits until its state there is {@code expected}.
     */
    public void handPickAfterItsFirstSync(long listId, int contactId, SyncState expected) throws InterruptedException {
        sync.awaitHandled(AggregateKind.CONTACT, contactId, PATIENCE);
        lists.addMembers(listId, List.of(contactId));
        awaitState(contactId, listId, expected);
    }

    /** A synced list whose interest Informz does not have (nobody made it there). */
    public long syncedListWithoutInformzInterest(String name) {
        return lists.create(new ListDraft(name, "made by a test", null, true, true));
    }

    /**
     * Waits until the Informz connection shows up. An earlier test's lost reply can leave it down
     * after that test's checks pass. While it is down, the next sync to call Informz is the
     * breaker's probe, and every other sync waits for it; a test that holds that sync would wait for
     * itself. A contact pushed to a new list makes the answered call that brings the connection back.
     */
    public void awaitInformzConnectionUp() throws InterruptedException {
        if (!connection.current().up()) {
            int probe = contact("Connection", "Probe", uniqueEmail("connection.probe"));
            listWithSyncedMembers(unique("Connection Probe"), probe);
        }
        sync.await("the Informz connection up", () -> connection.current().up(), () -> connection.current().toString(),
                PATIENCE);
    }

    /** Blocks until the contact's state on the list is {@code expected}; a timeout says what it was instead. */
    public void awaitState(int contactId, long listId, SyncState expected) throws InterruptedException {
        sync.await("contact " + contactId + " " + expected + " on list " + listId, () -> isInState(contactId, listId, expected),
                () -> describeSync(listId, contactId), PATIENCE);
    }

    /**
     * A contact that is on a new synced list and synced to it.
     *
     * @param tag what puts it on the list: an edit must keep it
     */
    public record SyncedContact(int contactId, long listId, String interest, String email, String tag) {
    }

    /**
     * The arrangement most sync tests start from: a contact on a new synced list, synced. The list
     * takes it by a saved query on a tag, and is made once the contact's own first sync has run:
     * then nothing about the contact is in flight (no coalesced follow-up, no sync waiting its turn)
     * and the list's reconciles leave a synced member alone, so the next edit has one carrier.
     */
    public SyncedContact contactSyncedOnNewList(String listPrefix, String firstName, String lastName)
            throws InterruptedException {
        String tag = "fixture-" + UUID.randomUUID().toString().substring(0, 8);
        String email = uniqueEmail(firstName.toLowerCase(Locale.ROOT));
        int contactId = contacts.create(new ContactDraft(firstName, lastName, "Sales Manager", email, "+1 407 555 0100",
                null, "FL", "32801", null, Set.of(tag)));
        sync.await("contact " + contactId + "'s first sync", () -> sync.handledCount(AggregateKind.CONTACT, contactId) > 0,
                PATIENCE);
        String interest = unique(listPrefix);
        long listId = syncedListWithQuery(interest, Criterion.equalTo(ContactField.TAG, tag));
        sync.await("contact " + contactId + " synced on " + interest, () -> isInState(contactId, listId, SyncState.SYNCED),
                PATIENCE);
        return new SyncedContact(contactId, listId, interest, email, tag);
    }

    public long syncedListWithQuery(String name, QueryNode... criteria) {
        informz.createInterest(name);
        long listId = lists.create(new ListDraft(name, "made by a test", null, true, true));
        lists.saveQuery(listId, null, name + " query", CriteriaGroup.all(criteria));
        return listId;
    }

    public Contact contactById(int contactId) {
        return em.find(Contact.class, contactId);
    }

    /** A staff member saves the contact with a new title, everything else as it was; returns once its sync ran. */
    public void saveWithTitleAndAwaitItsSync(int contactId, String title) throws InterruptedException {
        Contact c = contactById(contactId);
        long handled = sync.handledCount(AggregateKind.CONTACT, contactId);
        contacts.update(contactId, new ContactDraft(c.getFirstName(), c.getLastName(), title, c.getEmail(), c.getPhone(),
                c.getCity(), c.getState(), c.getPostalCode(), c.getAccount() == null ? null : c.getAccount().getId(),
                Set.copyOf(c.getTags())));
        sync.await("the sync of contact " + contactId + "'s save", () -> sync.handledCount(AggregateKind.CONTACT, contactId) > handled,
                PATIENCE);
    }

    /** Whether the CRM has the contact on the list (explicitly or by a saved query). */
    public boolean isMember(int contactId, long listId) {
        return membership.isMember(listId, contactId);
    }

    public long contactsWithSubscriberIdBetween(int firstId, int lastId) {
        return em.createQuery("select count(c) from Contact c where c.id between :first and :last "
                        + "and c.informzSubscriberId is not null", Long.class)
                .setParameter("first", firstId).setParameter("last", lastId).getSingleResult();
    }

    public Optional<ContactListSyncState> state(int contactId, long listId) {
        return em.createQuery("select s from ContactListSyncState s where s.contactId = :c and s.listId = :l",
                        ContactListSyncState.class)
                .setParameter("c", contactId).setParameter("l", listId)
                .getResultStream().findFirst();
    }

    public boolean isInState(int contactId, long listId, SyncState expected) {
        return state(contactId, listId).map(s -> s.getState() == expected).orElse(false);
    }

    /** The contacts' states on the list and the list's latest run, in one line: what a timed-out wait saw. */
    public String describeSync(long listId, int... contactIds) {
        StringBuilder seen = new StringBuilder();
        for (int contactId : contactIds) {
            seen.append("contact ").append(contactId).append(": ").append(state(contactId, listId)
                    .map(s -> s.getState() + " (" + s.getMessage() + ")").orElse("no state")).append("; ");
            List<String> unsubscribes = em.createQuery("select u from InformzUnsubscribe u where u.contactId = :id",
                            InformzUnsubscribe.class).setParameter("id", contactId).getResultList().stream()
                    .map(u -> u.isBrandWide() ? "from all mail" : "from list " + u.getListId()).toList();
            if (!unsubscribes.isEmpty()) {
                seen.append("recorded as unsubscribed in Informz ").append(unsubscribes).append("; ");
            }
        }
        return seen.append("latest run of list ").append(listId).append(": ").append(latestRun(listId)
                .map(r -> r.getTrigger() + " " + r.getStatus() + " +" + r.getAdded() + " of " + r.getToAdd()
                        + " (" + r.getMessage() + ")").orElse("none"))
                .append("; ").append(describeList(listId)).toString();
    }

    /**
     * The list's explicit members as stored now, every run of it (when it started, how many members it
     * planned over) and the messages about it the sync handled: a reconcile that missed a member names
     * the message it ran for and what it read.
     */
    private String describeList(long listId) {
        List<Integer> members = ((List<?>) em.createNativeQuery("SELECT contact_id FROM distribution_list_member "
                + "WHERE list_id = ?1 ORDER BY contact_id").setParameter(1, listId).getResultList()).stream()
                .map(id -> ((Number) id).intValue()).toList();
        List<String> runs = em.createQuery("select r from ListSyncRun r where r.listId = :l order by r.id", ListSyncRun.class)
                .setParameter("l", listId).getResultStream()
                .map(r -> r.getTrigger() + " at " + r.getStartedAt().toLocalTime() + " over " + r.getMemberCount()
                        + " members, +" + r.getAdded() + " of " + r.getToAdd())
                .toList();
        return "explicit members now " + members + "; runs " + runs + "; messages handled about it "
                + sync.handledAbout(AggregateKind.LIST, listId);
    }

    public InformzCall call(long callId) {
        return em.find(InformzCall.class, callId);
    }

    public Optional<ListSyncRun> latestRun(long listId) {
        return em.createQuery("select r from ListSyncRun r where r.listId = :l order by r.startedAt desc, r.id desc",
                        ListSyncRun.class)
                .setParameter("l", listId).setMaxResults(1).getResultStream().findFirst();
    }

    public List<ListSyncRun> runs(long listId) {
        return em.createQuery("select r from ListSyncRun r where r.listId = :l order by r.id", ListSyncRun.class)
                .setParameter("l", listId).getResultList();
    }

    public long contactCount() {
        return em.createQuery("select count(c) from Contact c", Long.class).getSingleResult();
    }
}
