package com.idss.informzsync.reliability;

import com.idss.informzsync.application.crm.ContactDraft;
import com.idss.informzsync.application.crm.ContactService;
import com.idss.informzsync.application.crm.DistributionListService;
import com.idss.informzsync.application.crm.ListDraft;
import com.idss.informzsync.domain.contact.Contact;
import com.idss.informzsync.domain.contact.DuplicateContacts;
import com.idss.informzsync.domain.contact.EmailAddresses;
import com.idss.informzsync.domain.list.DistributionList;
import com.idss.informzsync.domain.list.ListMembership;
import com.idss.informzsync.domain.list.query.ContactField;
import com.idss.informzsync.domain.list.query.Criterion;
import com.idss.informzsync.domain.sync.SyncState;
import com.idss.informzsync.it.CrmFixture;
import com.idss.informzsync.it.Deployments;
import com.idss.informzsync.it.SyncRecorder;
import jakarta.annotation.Resource;
import jakarta.ejb.EJBException;
import jakarta.inject.Inject;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.Queue;
import jakarta.jms.TemporaryQueue;
import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import jakarta.persistence.EntityManager;
import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The one-writer rule as a property: for each seed, a random sequence of CRM edits (title and email
 * changes, shared emails, deactivation and reactivation, list members added and removed on the list
 * and on the contact, edits that move a contact in or out of a saved query), a third of them posted
 * by another application through the JMS inbox and the rest made through the console's services,
 * while Informz answers 20 %
 * of calls with a lost reply, a 503, a malformed answer, a fault or slowly. Once the faults stop,
 * every synced interest must hold exactly the CRM's sendable members, without the nightly check:
 * no deactivated contact's address, no old address.
 *
 * <p>CI runs a few fixed seeds; the long version runs for a given time: {@code -Dproperty.minutes=30
 * -Dproperty.seeds=1-10000 -Dproperty.edits=150} in the server's JVM arguments (docs/reliability.md).
 */
@ExtendWith(ArquillianExtension.class)
class SyncPropertyIT {

    /** The promise: Informz equals the CRM within two minutes of the faults ending. */
    private static final Duration CONVERGENCE = Duration.ofMinutes(2);
    private static final String FAULTS = "http-503,timeout,slow,malformed,lost-reply";

    @Deployment
    static EnterpriseArchive deployment() {
        return Deployments.productEarWith(SyncPropertyIT.class, ReliabilityReport.class);
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
    ListMembership membership;

    @Inject
    DuplicateContacts duplicates;

    @PersistenceContext(unitName = "crm")
    EntityManager em;

    @Inject
    JMSContext jms;

    @Resource(lookup = "java:/jms/queue/IdssCrmInbox")
    Queue inbox;

    /** Edits posted through the JMS inbox (the rest went through the console's services). */
    private long inboxEdits;

    /** Calls the simulator answered with a fault of any kind (a lost reply, a 503, a timeout, malformed or slow). */
    private long faultsInjected;

    @Test
    void afterRandomEditsUnderRandomFaultsInformzHoldsExactlyTheCrmsSendableMembers() throws Exception {
        int edits = Integer.getInteger("property.edits", 60);
        // The long version runs for a given time: seeds in order until the minutes are spent.
        long minutes = Long.getLong("property.minutes", 0);
        long totalEdits = 0;
        int sequences = 0;
        long started = System.nanoTime();
        Duration slowest = Duration.ZERO;
        for (long seed : seeds(System.getProperty("property.seeds", "1-3"))) {
            if (minutes > 0 && System.nanoTime() - started >= Duration.ofMinutes(minutes).toNanos()) {
                break;
            }
            Duration converged = runSequence(seed, edits);
            totalEdits += edits;
            sequences++;
            slowest = converged.compareTo(slowest) > 0 ? converged : slowest;
        }
        System.out.printf(Locale.ROOT, "PROPERTY %d edits (%d through the JMS inbox) in %d sequences, %.0f s in all, "
                        + "slowest convergence %.1f s, faults injected %d, failures 0%n", totalEdits, inboxEdits, sequences,
                (System.nanoTime() - started) / 1e9, slowest.toMillis() / 1e3, faultsInjected);
    }

    private Duration runSequence(long seed, int edits) throws InterruptedException {
        String namespace = "p" + seed + "x" + Long.toHexString(System.nanoTime() & 0xffffff);
        Random random = new Random(seed);
        // Cities of this sequence's own: an earlier sequence's saved query must not take in these contacts.
        String inQuery = "Orlando " + namespace;
        String outOfQuery = "Tampa " + namespace;
        long explicitList = crm.syncedList("Property " + namespace + " picked");
        long queryList = crm.syncedListWithQuery("Property " + namespace + " query", Criterion.equalTo(ContactField.CITY, inQuery));
        List<Integer> people = new ArrayList<>();
        List<String> addresses = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            String email = "q" + i + "." + namespace + "@example.org";
            addresses.add(email);
            people.add(crm.contact("Prop", "Person " + i, email, null, i % 2 == 0 ? inQuery : outOfQuery));
        }
        lists.addMembers(explicitList, people.subList(0, 6));

        String sender = "property-" + namespace;
        int posted = 0;
        long callsBefore = crm.informz().callCount();
        crm.informz().randomFaults(0.2, FAULTS);
        try {
            for (int edit = 0; edit < edits; edit++) {
                int person = people.get(random.nextInt(people.size()));
                Contact now = crm.contactById(person);
                // Another application's edits come through the inbox, applied by its own consumer in
                // between the console's: the two kinds interleave as they would in production.
                Inbox poster = random.nextInt(3) == 0 ? new Inbox(sender, edit) : null;
                switch (random.nextInt(9)) {
                    case 0 -> update(poster, now, now.getEmail(), now.getCity(), "Title " + edit);
                    case 1 -> {
                        String fresh = "q" + edit + "v." + namespace + "@example.org";
                        addresses.add(fresh);
                        update(poster, now, fresh, now.getCity(), now.getTitle());
                    }
                    case 2 -> update(poster, now, addresses.get(random.nextInt(addresses.size())), now.getCity(), now.getTitle());
                    case 3 -> {
                        if (poster != null) {
                            poster.post(now.isActive() ? "contact.deactivate" : "contact.reactivate", m -> m.add("contactId", person));
                        } else if (now.isActive()) {
                            asStaff(() -> contacts.deactivate(person));
                        } else {
                            asStaff(() -> contacts.reactivate(person));
                        }
                    }
                    case 4 -> {
                        if (poster != null) {
                            poster.post("list.add-contact", m -> m.add("listId", explicitList).add("contactId", person));
                        } else {
                            asStaff(() -> lists.addMembers(explicitList, List.of(person)));
                        }
                    }
                    case 5 -> {
                        if (poster != null) {
                            poster.post("list.remove-contact", m -> m.add("listId", explicitList).add("contactId", person));
                        } else {
                            asStaff(() -> lists.removeMembers(explicitList, List.of(person)));
                        }
                    }
                    case 6 -> update(poster, now, now.getEmail(), inQuery.equals(now.getCity()) ? outOfQuery : inQuery, now.getTitle());
                    case 7 -> {
                        Set<Long> picked = random.nextBoolean() ? Set.of(explicitList) : Set.of();
                        asStaff(() -> contacts.setDistributionLists(person, picked));
                    }
                    default -> update(poster, now, now.getEmail(), now.getCity(), now.getTitle(), "+1 407 555 " + (2000 + edit));
                }
                if (poster != null) {
                    posted++;
                }
                LockSupport.parkNanos(Duration.ofMillis(50).toNanos()); // pacing of the load, not synchronisation
            }
            // The inbox applies one message at a time, in order: once it has answered a last one, every
            // edit posted before is in the CRM, whose final state Informz is then compared with.
            String fence = new Inbox(sender, edits).postAndAwaitOutcome("contact.resync", m -> m.add("contactId", people.get(0)));
            if (!fence.contains("\"applied\"") || inboxRefused(sender) > 0) {
                throw new AssertionError("seed " + seed + ": the inbox refused " + inboxRefused(sender) + " of " + posted
                        + " posted edits; the last one's outcome: " + fence);
            }
            inboxEdits += posted;
        } finally {
            crm.informz().clearFaults();
            faultsInjected += faultsAmongCallsSince(callsBefore);
        }
        long calm = System.nanoTime();
        List<Long> listIds = List.of(explicitList, queryList);
        sync.await("seed " + seed + ": Informz holding exactly the CRM's sendable members, nothing left to retry",
                () -> listIds.stream().allMatch(listId -> countInState(listId, SyncState.RETRYING) == 0
                        && countInState(listId, SyncState.PENDING) == 0
                        && expectedMembers(listId).equals(crm.informz().membersOf(interestOf(listId)))),
                () -> differences(listIds), CONVERGENCE);
        Duration converged = Duration.ofNanos(System.nanoTime() - calm);
        // Checked: its lists stop syncing, so a long run's later contacts are not measured against
        // every earlier sequence's lists too.
        for (long listId : listIds) {
            DistributionList list = em.find(DistributionList.class, listId);
            lists.update(listId, new ListDraft(list.getName(), list.getDescription(), list.getInformzInterestName(), false, true));
        }
        em.clear();
        return converged;
    }

    /** The simulator keeps its last 5,000 calls: enough for one sequence's. */
    private long faultsAmongCallsSince(long callsBefore) {
        int calls = (int) Math.min(5_000, crm.informz().callCount() - callsBefore);
        return calls <= 0 ? 0 : crm.informz().calls(calls).stream().map(call -> call.getString("outcome", ""))
                .filter(outcome -> outcome.startsWith("injected") || outcome.equals("ok (slow)")).count();
    }

    private void update(Inbox poster, Contact now, String email, String city, String title) {
        update(poster, now, email, city, title, now.getPhone());
    }

    private void update(Inbox poster, Contact now, String email, String city, String title, String phone) {
        if (poster == null) {
            asStaff(() -> contacts.update(now.getId(), new ContactDraft(now.getFirstName(), now.getLastName(), title, email,
                    phone, city, now.getState(), now.getPostalCode(), null, Set.of())));
            return;
        }
        // The upsert replaces the contact: every field is sent, as another application would.
        JsonObjectBuilder contact = Json.createObjectBuilder();
        Map.of("firstName", Optional.ofNullable(now.getFirstName()), "lastName", Optional.ofNullable(now.getLastName()),
                        "title", Optional.ofNullable(title), "email", Optional.ofNullable(email), "phone", Optional.ofNullable(phone),
                        "city", Optional.ofNullable(city), "state", Optional.ofNullable(now.getState()),
                        "postalCode", Optional.ofNullable(now.getPostalCode()))
                .forEach((field, value) -> value.ifPresent(text -> contact.add(field, text)));
        poster.post("contact.upsert", m -> m.add("contactId", now.getId()).add("contact", contact));
    }

    /**
     * A console save that met the inbox's change of the same contact or list at the same moment is
     * refused (optimistic locking), and the member of staff saves again.
     */
    private static void asStaff(Runnable save) {
        for (int attempt = 1; ; attempt++) {
            try {
                save.run();
                return;
            } catch (EJBException e) {
                if (attempt == 5 || !causedBy(e, OptimisticLockException.class)) {
                    throw e;
                }
            }
        }
    }

    private static boolean causedBy(Throwable thrown, Class<? extends Throwable> kind) {
        for (Throwable cause = thrown; cause != null; cause = cause.getCause()) {
            if (kind.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }

    /** One edit posted to the CRM inbox, as another enterprise application posts it. */
    private final class Inbox {
        private final String sender;
        private final String messageId;

        Inbox(String sender, int edit) {
            this.sender = sender;
            this.messageId = "edit-" + edit;
        }

        void post(String type, Consumer<JsonObjectBuilder> body) {
            jms.createProducer().send(inbox, message(type, body));
        }

        /** Posts with a reply queue, as a sender that wants the outcome does, and returns the outcome. */
        String postAndAwaitOutcome(String type, Consumer<JsonObjectBuilder> body) {
            TemporaryQueue replies = jms.createTemporaryQueue();
            try (JMSConsumer outcomes = jms.createConsumer(replies)) {
                jms.createProducer().setJMSReplyTo(replies).send(inbox, message(type, body));
                String outcome = outcomes.receiveBody(String.class, CONVERGENCE.toMillis());
                if (outcome == null) {
                    throw new AssertionError("the inbox did not answer " + sender + "'s " + messageId + " within " + CONVERGENCE);
                }
                return outcome;
            }
        }

        private String message(String type, Consumer<JsonObjectBuilder> body) {
            JsonObjectBuilder message = Json.createObjectBuilder().add("type", type).add("version", 1)
                    .add("sender", sender).add("messageId", messageId);
            body.accept(message);
            return message.build().toString();
        }
    }

    private long inboxRefused(String sender) {
        return em.createQuery("select count(i) from InvalidMessage i where i.sender = :sender", Long.class)
                .setParameter("sender", sender).getSingleResult();
    }

    /**
     * What the CRM says the interest must hold: the addresses of the list's members that Informz can
     * take, each pushed by its owner only (a member whose address another contact owns is a duplicate).
     */
    private Set<String> expectedMembers(long listId) {
        Set<String> expected = new TreeSet<>();
        for (int id : membership.allMemberIds(listId)) {
            Contact contact = em.find(Contact.class, id);
            if (contact != null && contact.getEmail() != null && EmailAddresses.problemWith(contact.getEmail()).isEmpty()
                    && duplicates.groupFor(contact.getEmailNormalized()).map(g -> g.isOwnedBy(id)).orElse(true)) {
                expected.add(contact.getEmail().strip().toLowerCase(Locale.ROOT));
            }
        }
        em.clear();
        return expected;
    }

    private String interestOf(long listId) {
        return em.createQuery("select l.informzInterestName from DistributionList l where l.id = :id", String.class)
                .setParameter("id", listId).getSingleResult();
    }

    private String differences(List<Long> listIds) {
        Map<Long, String> differences = new TreeMap<>();
        for (long listId : listIds) {
            Set<String> expected = expectedMembers(listId);
            Set<String> actual = crm.informz().membersOf(interestOf(listId));
            Set<String> missing = new LinkedHashSet<>(expected);
            missing.removeAll(actual);
            Set<String> extra = new LinkedHashSet<>(actual);
            extra.removeAll(expected);
            differences.put(listId, "missing " + missing + ", extra " + extra + ", retrying "
                    + countInState(listId, SyncState.RETRYING) + ", pending " + countInState(listId, SyncState.PENDING));
        }
        return differences.toString();
    }

    private long countInState(long listId, SyncState state) {
        return em.createQuery("select count(s) from ContactListSyncState s where s.listId = :listId and s.state = :state",
                        Long.class)
                .setParameter("listId", listId).setParameter("state", state).getSingleResult();
    }

    /** "1-3" or "7,11,13". */
    static long[] seeds(String text) {
        if (text.contains("-")) {
            String[] range = text.split("-");
            long from = Long.parseLong(range[0].trim());
            long to = Long.parseLong(range[1].trim());
            long[] seeds = new long[(int) (to - from + 1)];
            for (int i = 0; i < seeds.length; i++) {
                seeds[i] = from + i;
            }
            return seeds;
        }
        return Arrays.stream(text.split(",")).map(String::trim).mapToLong(Long::parseLong).toArray();
    }
}
