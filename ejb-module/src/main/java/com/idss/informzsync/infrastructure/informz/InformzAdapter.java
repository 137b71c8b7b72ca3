package com.idss.informzsync.infrastructure.informz;

import com.idss.informzsync.application.sync.InformzConnectionMonitor;
import com.idss.informzsync.application.sync.InformzFailure;
import com.idss.informzsync.application.sync.InformzPassword;
import com.idss.informzsync.application.sync.InformzPort;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The sync's Informz port on top of the AAPI client: settings from the server (the password only from
 * the environment), every call recorded for the audit, failures classified for the sync engine.
 */
@ApplicationScoped
public class InformzAdapter implements InformzPort {

    private static final Logger LOG = Logger.getLogger(InformzAdapter.class.getName());
    /** Emails per subscriber grid request: one record each, well under the 1,000-row cap. */
    private static final int EMAILS_PER_LOOKUP = 500;

    /** Marks a transaction whose successful calls are stored with its commit. */
    private static final String CALLS_WITH_CALLER = InformzAdapter.class.getName() + ".callsWithCaller";

    private record Subject(Integer contactId, Long listId) {
    }

    private final ThreadLocal<Subject> subject = new ThreadLocal<>();
    private final ThreadLocal<Long> lastCallId = new ThreadLocal<>();
    private final ThreadLocal<long[]> answeredOnThisThread = ThreadLocal.withInitial(() -> new long[1]);

    @Inject
    InformzCallLog callLog;

    @Inject
    InformzConnectionMonitor connection;

    @Inject
    Event<InformzCallFinished> callsFinished;

    @Resource
    TransactionSynchronizationRegistry transactions;

    private InformzClient client;

    @PostConstruct
    void connect() {
        InformzSettings settings = InformzSettings.builder()
                .endpoint(setting("idss.informz.endpoint", "http://127.0.0.1:18089/aapi/InformzService.svc"))
                .brand(setting("idss.informz.brand-id", "4711"), setting("idss.informz.brand-name", "Example Visitors Bureau"))
                .user(setting("idss.informz.user", "api_user"))
                .password(InformzPassword::current)
                .connectTimeout(Duration.ofMillis(Long.parseLong(setting("idss.informz.connect-timeout-ms", "5000"))))
                .readTimeout(Duration.ofMillis(Long.parseLong(setting("idss.informz.read-timeout-ms", "15000"))))
                .compression(Boolean.parseBoolean(setting("idss.informz.compression", "false")))
                .callRecorder(this::record)
                .build();
        LOG.info(() -> "Informz client: " + settings + ", password from " + InformzPassword.source());
        warnIfNoPassword();
        client = new InformzClient(settings);
    }

    private static String setting(String key, String defaultValue) {
        return System.getProperty(key, defaultValue);
    }

    private static void warnIfNoPassword() {
        if (InformzPassword.source() == InformzPassword.Source.NONE) {
            LOG.warning("No Informz password is set (" + InformzPassword.PROPERTY + " from the credential store, or "
                    + InformzPassword.ENVIRONMENT + "): Informz will refuse every call (see README, Operating)");
        }
    }

    private void record(RecordedCall call) {
        if (call.succeeded()) {
            answeredOnThisThread.get()[0]++; // the client records a call on the thread that made it
            // An answer ends an outage at once: a list's run let through as the breaker's probe
            // would otherwise keep every other sync waiting until its last batch.
            connection.succeeded();
        }
        Subject about = subject.get();
        Integer contactId = about == null ? null : about.contactId();
        Long listId = about == null ? null : about.listId();
        // A successful call is committed with the work that made it, one commit less per call: a contact
        // sync's, or a transaction that asked for it (a list batch's, booked and committed right after
        // its call). A failed call is kept whatever happens to its caller's transaction.
        boolean active = transactions.getTransactionStatus() == Status.STATUS_ACTIVE;
        boolean withCaller = call.succeeded() && active && ((contactId != null && listId == null)
                || Boolean.TRUE.equals(transactions.getResource(CALLS_WITH_CALLER)));
        callsFinished.fire(new InformzCallFinished(call.operation(), call.duration(), InformzCallLog.outcomeOf(call)));
        lastCallId.set(withCaller ? callLog.recordWithCaller(call, contactId, listId) : callLog.record(call, contactId, listId));
    }

    @Override
    public long callsAnsweredOnThisThread() {
        return answeredOnThisThread.get()[0];
    }

    @Override
    public void recordCallsWithThisTransaction() {
        transactions.putResource(CALLS_WITH_CALLER, Boolean.TRUE);
    }

    @Override
    public void about(Integer contactId, Long listId) {
        subject.set(new Subject(contactId, listId));
    }

    @Override
    public void forget() {
        subject.remove();
        lastCallId.remove();
    }

    @Override
    public List<Rejection> subscribe(Collection<String> interests, List<Subscriber> subscribers) {
        SubscribeResult result = call(() -> client.subscribe(InterestAction.ADD_OR_UPDATE_SUBSCRIBERS, interests,
                subscribers.stream().map(InformzAdapter::toRecord).toList()));
        return rejectionsOf(result.rejections());
    }

    @Override
    public void optout(Collection<String> interests, List<Subscriber> subscribers) {
        call(() -> client.optout(interests, subscribers.stream().map(InformzAdapter::toRecord).toList()));
    }

    @Override
    public Map<String, Long> subscriberIds(Collection<String> emails) {
        List<String> all = emails.stream().map(e -> e.trim().toLowerCase(Locale.ROOT)).distinct().toList();
        Map<String, Long> ids = new HashMap<>();
        for (int from = 0; from < all.size(); from += EMAILS_PER_LOOKUP) {
            List<String> chunk = all.subList(from, Math.min(all.size(), from + EMAILS_PER_LOOKUP));
            List<GridRecord> rows = call(() -> client.grid(GridQuery.of("subscriber")
                    .where(new GridCondition.Collection("email", GridCondition.SetOperator.IN, chunk))
                    .returning("subscriber_id", "email")
                    .sortedBy("subscriber_id", false)));
            for (GridRecord row : rows) {
                String email = row.text("email").map(e -> e.trim().toLowerCase(Locale.ROOT)).orElse(null);
                row.text("subscriber_id").map(Long::valueOf).ifPresent(id -> ids.merge(email, id, Math::min));
            }
        }
        return ids;
    }

    @Override
    public void forEachMember(String interest, Consumer<InterestMember> action) {
        forEachRow(GridQuery.of("subscriber_interests")
                .where(GridCondition.eq("interest_name", interest))
                .returning("subscriber_id", "user_id", "email", "cancellation_date"),
                row -> new InterestMember(Long.parseLong(row.text("subscriber_id").orElseThrow()),
                        row.integer("user_id").orElse(null), row.text("email").orElse(null),
                        row.text("cancellation_date").isPresent(), row.dateTime("cancellation_date").orElse(null)),
                action);
    }

    @Override
    public List<Unsubscriber> unsubscribers() {
        return readAll(GridQuery.of("subscriber")
                .where(GridCondition.eq("is_unsubscriber", 1))
                .returning("subscriber_id", "user_id", "email", "cancellation_date", "cancellation_message"),
                row -> new Unsubscriber(Long.parseLong(row.text("subscriber_id").orElseThrow()),
                        row.integer("user_id").orElse(null), row.text("email").orElse(null),
                        row.dateTime("cancellation_date").orElse(null), row.text("cancellation_message").orElse(null)));
    }

    /**
     * Every row of the query, each page's rows converted before the next page is read. Holding a whole
     * interest of 200,000 as grid rows (a map of texts each) and then as members took the server past
     * its heap in the nightly check at a large DMO's size, with four lists read at once.
     */
    private <T> List<T> readAll(GridQuery query, Function<GridRecord, T> convert) {
        List<T> all = new ArrayList<>();
        forEachRow(query, convert, all::add);
        return all;
    }

    /** Every row of the query, converted and handed over a page at a time; only one page is held. */
    private <T> void forEachRow(GridQuery query, Function<GridRecord, T> convert, Consumer<T> action) {
        call(() -> {
            client.gridPages(query).forEachRemaining(page -> page.forEach(row -> action.accept(convert.apply(row))));
            return null;
        });
    }

    @Override
    public List<Membership> membershipsOf(int contactId) {
        List<GridRecord> rows = call(() -> client.gridAll(GridQuery.of("subscriber_interests")
                .where(GridCondition.eq("user_id", contactId))
                .returning("interest_name", "email", "cancellation_date")));
        List<Membership> memberships = new ArrayList<>(rows.size());
        for (GridRecord row : rows) {
            if (row.text("cancellation_date").filter(d -> !d.isBlank()).isEmpty()) {
                memberships.add(new Membership(row.text("interest_name").orElse(""), row.text("email").orElse("")));
            }
        }
        return memberships;
    }

    @Override
    public SubscriberIdPages subscriberIdsByContact(String interest) {
        InformzClient.GridPages pages = call(() -> client.gridPagesByIndex(GridQuery.of("subscriber_interests")
                .where(GridCondition.eq("interest_name", interest))
                .returning("subscriber_id", "user_id", "cancellation_date")));
        return new SubscriberIdPages() {
            @Override
            public int pageCount() {
                return pages.pageCount();
            }

            @Override
            public Map<Integer, Long> page(int index) {
                List<GridRecord> rows = call(() -> pages.page(index));
                Map<Integer, Long> ids = new HashMap<>(rows.size() * 2);
                for (GridRecord row : rows) {
                    if (row.text("cancellation_date").filter(d -> !d.isBlank()).isPresent()) {
                        continue; // e.g. the old address of a contact whose email changed
                    }
                    row.integer("user_id").ifPresent(contactId ->
                            ids.put(contactId, Long.parseLong(row.text("subscriber_id").orElseThrow())));
                }
                return ids;
            }
        };
    }

    private <T> T call(Supplier<T> informzCall) {
        lastCallId.remove();
        try {
            return informzCall.get();
        } catch (InformzException e) {
            throw new InformzFailure(kindOf(e), e.faultCode().orElse(null), describe(e), lastCallId.get(), e);
        } catch (RuntimeException e) {
            // Anything the client did not classify (a bug, an unexpected answer) is worth another try.
            LOG.log(Level.WARNING, "Unexpected failure calling Informz", e);
            throw new InformzFailure(InformzFailure.Kind.TRANSIENT, null, "unexpected: " + e, lastCallId.get(), e);
        }
    }

    private static String describe(InformzException e) {
        return e.faultCode().map(code -> code + ": " + e.reason()).orElse(e.reason());
    }

    private static InformzFailure.Kind kindOf(InformzException e) {
        return switch (e.kind()) {
            case TRANSIENT -> InformzFailure.Kind.TRANSIENT;
            case PERMANENT -> InformzFailure.Kind.PERMANENT;
            case CONFIGURATION -> InformzFailure.Kind.CONFIGURATION;
        };
    }

    private static SubscriberRecord toRecord(Subscriber subscriber) {
        // Contact 0 is a subscriber no contact accounts for (added in Informz by hand): it carries no
        // remote ID, and naming one (ID 0) would make Informz match nobody.
        String remoteId = subscriber.contactId() == Subscriber.NO_CONTACT ? null : Integer.toString(subscriber.contactId());
        return new SubscriberRecord(subscriber.email(), remoteId, subscriber.fields());
    }

    private static List<Rejection> rejectionsOf(List<SubscriberRejection> rejections) {
        return rejections.stream()
                .map(r -> new Rejection(parseContactId(r.remoteId()), r.reason()))
                .toList();
    }

    private static int parseContactId(String remoteId) {
        try {
            return Integer.parseInt(remoteId.trim());
        } catch (RuntimeException e) {
            return -1;
        }
    }
}
