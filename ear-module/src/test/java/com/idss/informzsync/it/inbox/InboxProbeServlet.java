package com.idss.informzsync.it.inbox;

import com.idss.informzsync.application.crm.ContactDraft;
import com.idss.informzsync.application.crm.ContactService;
import com.idss.informzsync.application.crm.DistributionListService;
import com.idss.informzsync.application.crm.ListDraft;
import com.idss.informzsync.application.inbox.InvalidMessageView;
import com.idss.informzsync.application.inbox.InvalidMessages;
import com.idss.informzsync.application.sync.AggregateKind;
import com.idss.informzsync.application.sync.InformzConnection;
import com.idss.informzsync.it.InformzSimulatorAdmin;
import com.idss.informzsync.it.SyncRecorder;
import jakarta.annotation.Resource;
import jakarta.inject.Inject;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;

/**
 * What the remote inbox tests cannot see over JMS: CRM rows (read with plain SQL, so no
 * persistence context hides anything), the inbox's records, the dead-letter queue, and the
 * SyncCommands calls. Also creates fixtures through the console's use cases. Test-only.
 */
@WebServlet("/probe/*")
public class InboxProbeServlet extends HttpServlet {

    @Resource(lookup = "java:jboss/datasources/IdssSyncDS")
    DataSource dataSource;

    /** The connection factory both topologies have (the embedded broker's in-VM one does not exist on a cluster node). */
    @Resource(lookup = "java:/JmsXA")
    ConnectionFactory connectionFactory;

    @Resource(lookup = "java:/jms/queue/IdssCrmInboxDLQ")
    Queue deadLetters;

    @Resource(lookup = "java:/jms/queue/IdssCrmInbox")
    Queue inbox;

    @Inject
    ContactService contacts;

    @Resource
    jakarta.transaction.UserTransaction transaction;

    @Inject
    DistributionListService lists;

    @Inject
    InvalidMessages invalidMessages;

    @Inject
    SyncRecorder syncs;

    @Inject
    InformzConnection.Monitor connectionMonitor;

    private final InformzSimulatorAdmin informz = new InformzSimulatorAdmin();

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        try {
            JsonObjectBuilder json = switch (String.valueOf(request.getPathInfo())) {
                case "/contact" -> contact(Integer.parseInt(request.getParameter("id")));
                case "/external-key" -> externalKey(request.getParameter("sender"), request.getParameter("key"));
                case "/counts" -> counts(request.getParameter("sender"), request.getParameter("jmsCorrelationPrefix"));
                case "/queues" -> Json.createObjectBuilder()
                        .add("deadLetters", browseCount(deadLetters))
                        .add("inbox", browseCount(inbox));
                case "/await-informz-member" -> awaitInformzMember(request.getParameter("interest"),
                        request.getParameter("email"));
                case "/invalid-messages" -> invalid(request.getParameter("sender"));
                case "/await-list-synced" -> awaitListSynced(Long.parseLong(request.getParameter("listId")),
                        Long.parseLong(request.getParameter("count")), Duration.ofSeconds(Long.parseLong(request.getParameter("seconds"))));
                case "/await-informz-title" -> awaitInformzTitle(request.getParameter("email"), request.getParameter("title"));
                case "/informz-connection" -> informzConnection();
                case "/await-informz-connection" -> awaitInformzConnection(Boolean.parseBoolean(request.getParameter("up")));
                case "/stored-calls-containing" -> storedCallsContaining(request.getParameter("text"));
                case "/handled" -> Json.createObjectBuilder().add("handled", syncs.handledCount(
                        AggregateKind.fromWireName(request.getParameter("kind")), Long.parseLong(request.getParameter("id"))));
                case "/batches-held" -> Json.createObjectBuilder().add("batches",
                        syncs.batchesHeld(Long.parseLong(request.getParameter("listId"))));
                case "/sync-states" -> syncStates(Long.parseLong(request.getParameter("listId")));
                default -> null;
            };
            write(response, json);
        } catch (SQLException e) {
            throw new IOException(e);
        }
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        JsonObjectBuilder json = switch (String.valueOf(request.getPathInfo())) {
            case "/list" -> Json.createObjectBuilder().add("listId",
                    lists.create(new ListDraft(request.getParameter("name"), null, null, true, true)));
            case "/contact" -> Json.createObjectBuilder().add("contactId", contacts.create(
                    new ContactDraft(null, null, null, request.getParameter("email"), null, null, null, null, null, Set.of())));
            case "/list-members" -> Json.createObjectBuilder().add("added", addNewContacts(
                    Long.parseLong(request.getParameter("listId")), Integer.parseInt(request.getParameter("count")),
                    request.getParameter("emailPrefix")));
            case "/contacts" -> Json.createObjectBuilder().add("created", createContacts(
                    Integer.parseInt(request.getParameter("count")), request.getParameter("emailPrefix")).size());
            case "/list-members-by-prefix" -> Json.createObjectBuilder().add("added", addContactsByPrefix(
                    Long.parseLong(request.getParameter("listId")), request.getParameter("emailPrefix")));
            // Staff's edits through the console's use cases, on whichever node serves the request.
            case "/contact-update" -> {
                contacts.update(contactId(request), new ContactDraft(request.getParameter("firstName"),
                        request.getParameter("lastName"), request.getParameter("title"), request.getParameter("email"),
                        null, null, null, null, null, Set.of()));
                yield Json.createObjectBuilder().add("updated", true);
            }
            case "/contact-deactivate" -> {
                contacts.deactivate(contactId(request));
                yield Json.createObjectBuilder().add("deactivated", true);
            }
            case "/contact-reactivate" -> {
                contacts.reactivate(contactId(request));
                yield Json.createObjectBuilder().add("reactivated", true);
            }
            case "/list-add" -> {
                lists.addMembers(Long.parseLong(request.getParameter("listId")), List.of(contactId(request)));
                yield Json.createObjectBuilder().add("added", true);
            }
            case "/list-remove" -> {
                lists.removeMembers(Long.parseLong(request.getParameter("listId")), List.of(contactId(request)));
                yield Json.createObjectBuilder().add("removed", true);
            }
            default -> null;
        };
        write(response, json);
    }

    /**
     * Creates {@code count} contacts ({@code emailPrefix + i + "@example.org"}) in transactions of
     * 500, then puts them all on the list in one save: one list reconcile, as a big import would be.
     */
    private int addNewContacts(long listId, int count, String emailPrefix) {
        List<Integer> created = createContacts(count, emailPrefix);
        lists.addMembers(listId, created);
        return created.size();
    }

    private List<Integer> createContacts(int count, String emailPrefix) {
        List<Integer> created = new ArrayList<>();
        try {
            for (int from = 0; from < count; from += 500) {
                transaction.begin();
                for (int i = from; i < Math.min(count, from + 500); i++) {
                    created.add(contacts.create(new ContactDraft("Bulk", "Contact " + i, null, emailPrefix + i + "@example.org",
                            null, null, null, null, null, Set.of())));
                }
                transaction.commit();
            }
        } catch (Exception e) {
            throw new IllegalStateException("could not create the contacts", e);
        }
        return created;
    }

    /** Puts the contacts made by {@code contacts?emailPrefix=} on the list in one save. */
    private int addContactsByPrefix(long listId, String emailPrefix) {
        List<Integer> ids = new ArrayList<>();
        try (Connection db = dataSource.getConnection();
                PreparedStatement statement = db.prepareStatement("select id from contact where email like ? order by id")) {
            statement.setString(1, emailPrefix.replace("_", "\\_").replace("%", "\\%") + "%");
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getInt(1));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        lists.addMembers(listId, ids);
        return ids.size();
    }

    private static int contactId(HttpServletRequest request) {
        return Integer.parseInt(request.getParameter("contactId"));
    }

    /** What this node's console shows about the connection to Informz. */
    private JsonObjectBuilder informzConnection() {
        InformzConnection connection = connectionMonitor.current();
        JsonObjectBuilder json = Json.createObjectBuilder().add("up", connection.up())
                .add("since", connection.since().toString());
        addNullable(json, "reason", connection.reason());
        return json;
    }

    private JsonObjectBuilder awaitInformzConnection(boolean up) {
        try {
            syncs.await("the Informz connection " + (up ? "up" : "down"), () -> connectionMonitor.current().up() == up,
                    Duration.ofSeconds(30));
        } catch (AssertionError e) {
            return informzConnection().add("why", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return informzConnection();
    }

    /** How many stored Informz calls hold the text in their request or response document. */
    private JsonObjectBuilder storedCallsContaining(String text) throws SQLException {
        try (Connection db = dataSource.getConnection(); PreparedStatement statement = db.prepareStatement(
                "select count(*) from informz_call where request_document like ? or response_document like ?")) {
            statement.setString(1, "%" + text + "%");
            statement.setString(2, "%" + text + "%");
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return Json.createObjectBuilder().add("count", rs.getLong(1));
            }
        }
    }

    /** How many of the list's contacts are in each sync state, read from the database. */
    private JsonObjectBuilder syncStates(long listId) {
        JsonObjectBuilder json = Json.createObjectBuilder();
        try (Connection db = dataSource.getConnection(); PreparedStatement statement = db.prepareStatement(
                "select state, count(*) from contact_list_sync_state where list_id = ? group by state")) {
            statement.setLong(1, listId);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    json.add(rs.getString(1), rs.getLong(2));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return json;
    }

    /** Waits, woken by each finished sync, until {@code count} contacts of the list are SYNCED. */
    private JsonObjectBuilder awaitListSynced(long listId, long count, Duration patience) throws SQLException {
        try {
            syncs.await(count + " contacts of list " + listId + " synced", () -> syncedCount(listId) >= count, patience);
        } catch (AssertionError e) {
            return Json.createObjectBuilder().add("synced", syncedCount(listId)).add("why", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return Json.createObjectBuilder().add("synced", syncedCount(listId));
    }

    private long syncedCount(long listId) {
        try (Connection db = dataSource.getConnection(); PreparedStatement statement = db.prepareStatement(
                "select count(*) from contact_list_sync_state where list_id = ? and state = 'SYNCED'")) {
            statement.setLong(1, listId);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Waits, woken by each finished sync, until Informz holds the address with that title. */
    private JsonObjectBuilder awaitInformzTitle(String email, String title) {
        try {
            syncs.await(email + " titled " + title, () -> informz.subscriber(email)
                    .map(s -> s.getJsonObject("fields").getString("Title", "")).orElse("").equals(title), Duration.ofSeconds(60));
            return Json.createObjectBuilder().add("titled", true);
        } catch (AssertionError e) {
            return Json.createObjectBuilder().add("titled", false).add("why", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Json.createObjectBuilder().add("titled", false).add("why", "interrupted");
        }
    }

    private static void write(HttpServletResponse response, JsonObjectBuilder json) throws IOException {
        if (json == null) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(json.build().toString());
    }

    private JsonObjectBuilder contact(int id) throws SQLException {
        try (Connection db = dataSource.getConnection();
                PreparedStatement row = db.prepareStatement(
                        "select email, first_name, last_name, city, active, account_id from contact where id = ?")) {
            row.setInt(1, id);
            try (ResultSet rs = row.executeQuery()) {
                if (!rs.next()) {
                    return Json.createObjectBuilder().add("exists", false);
                }
                JsonObjectBuilder json = Json.createObjectBuilder().add("exists", true).add("id", id);
                addNullable(json, "email", rs.getString(1));
                addNullable(json, "firstName", rs.getString(2));
                addNullable(json, "lastName", rs.getString(3));
                addNullable(json, "city", rs.getString(4));
                json.add("active", rs.getBoolean(5));
                return json.add("tags", column(db, "select tag from contact_tag where contact_id = ? order by tag", id))
                        .add("lists", column(db, "select list_id from distribution_list_member where contact_id = ? order by list_id", id));
            }
        }
    }

    private static JsonArrayBuilder column(Connection db, String sql, int id) throws SQLException {
        JsonArrayBuilder values = Json.createArrayBuilder();
        try (PreparedStatement statement = db.prepareStatement(sql)) {
            statement.setInt(1, id);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    values.add(rs.getString(1));
                }
            }
        }
        return values;
    }

    private JsonObjectBuilder externalKey(String sender, String key) throws SQLException {
        try (Connection db = dataSource.getConnection();
                PreparedStatement row = db.prepareStatement(
                        "select contact_id from external_key where sender = ? and external_key = ?")) {
            row.setString(1, sender);
            row.setString(2, key);
            try (ResultSet rs = row.executeQuery()) {
                JsonObjectBuilder json = Json.createObjectBuilder();
                return rs.next() ? json.add("contactId", rs.getInt(1)) : json;
            }
        }
    }

    private JsonObjectBuilder counts(String sender, String jmsCorrelationPrefix) throws SQLException {
        try (Connection db = dataSource.getConnection()) {
            JsonObjectBuilder json = Json.createObjectBuilder()
                    .add("processed", count(db, "select count(*) from processed_message where sender = ?", sender))
                    .add("externalKeys", count(db, "select count(*) from external_key where sender = ?", sender))
                    .add("invalidBySender", count(db, "select count(*) from invalid_message where sender = ?", sender));
            if (jmsCorrelationPrefix != null) {
                json.add("invalidByCorrelation", count(db,
                        "select count(*) from invalid_message where jms_correlation_id like ?", jmsCorrelationPrefix + "%"));
                json.add("invalidWithoutReason", count(db, "select count(*) from invalid_message"
                        + " where jms_correlation_id like ? and (reasons is null or reasons = '')", jmsCorrelationPrefix + "%"));
                JsonObjectBuilder byCode = Json.createObjectBuilder();
                try (PreparedStatement statement = db.prepareStatement("select code, count(*) from invalid_message"
                        + " where jms_correlation_id like ? group by code")) {
                    statement.setString(1, jmsCorrelationPrefix + "%");
                    try (ResultSet rs = statement.executeQuery()) {
                        while (rs.next()) {
                            byCode.add(rs.getString(1), rs.getLong(2));
                        }
                    }
                }
                json.add("invalidByCode", byCode);
            }
            return json;
        }
    }

    private static long count(Connection db, String sql, String parameter) throws SQLException {
        try (PreparedStatement statement = db.prepareStatement(sql)) {
            statement.setString(1, parameter);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private int browseCount(Queue queue) {
        try (JMSContext jms = connectionFactory.createContext(); QueueBrowser browser = jms.createBrowser(queue)) {
            return Collections.list(browser.getEnumeration()).size();
        } catch (jakarta.jms.JMSException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Waits, in the server, until Informz has the address on the interest: woken by each sync the
     * engine finishes, so the remote test needs no polling of its own.
     */
    private JsonObjectBuilder awaitInformzMember(String interest, String email) {
        try {
            syncs.await(email + " on " + interest, () -> informz.membersOf(interest).contains(email.toLowerCase()),
                    Duration.ofSeconds(30));
            return Json.createObjectBuilder().add("member", true);
        } catch (AssertionError e) {
            return Json.createObjectBuilder().add("member", false).add("why", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Json.createObjectBuilder().add("member", false).add("why", "interrupted");
        }
    }

    /** Through the console's read method, so it is exercised too. */
    private JsonObjectBuilder invalid(String sender) {
        JsonArrayBuilder rows = Json.createArrayBuilder();
        for (InvalidMessageView view : invalidMessages.newestFirst(sender, 0, 50)) {
            JsonObjectBuilder row = Json.createObjectBuilder().add("code", view.code().name())
                    .add("reasons", String.join("\n", view.reasons()))
                    .add("payloadChars", view.payloadChars())
                    .add("payloadTruncated", view.payloadTruncated());
            addNullable(row, "messageId", view.messageId());
            rows.add(row);
        }
        return Json.createObjectBuilder().add("count", invalidMessages.count(sender)).add("newest", rows);
    }

    private static void addNullable(JsonObjectBuilder json, String name, String value) {
        if (value == null) {
            json.addNull(name);
        } else {
            json.add(name, value);
        }
    }
}
