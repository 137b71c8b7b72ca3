package com.idss.informzsync.infrastructure.persistence.jpa;

import com.idss.informzsync.application.sync.SyncWriterLocks;
import com.idss.informzsync.application.sync.WriterBusy;
import com.idss.informzsync.infrastructure.persistence.Databases;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import javax.sql.DataSource;

/**
 * Row locks on {@code sync_writer_lock}, in the caller's transaction (the container hands out the
 * connection enlisted in it). "Never waits" is {@code SKIP LOCKED}: a row held elsewhere is simply not
 * returned, which, unlike {@code NOWAIT}, raises no error (an error aborts a PostgreSQL transaction).
 * A key without a row yet gets one first, committed on its own ({@link SyncWriterLockRows}).
 */
@ApplicationScoped
public class JdbcSyncWriterLocks implements SyncWriterLocks {

    /** Keys per statement: well under any driver's parameter limit. */
    private static final int CHUNK = 1000;
    /** How long a list batch waits for a holder on PostgreSQL (H2's is the datasource's LOCK_TIMEOUT). */
    private static final int WAIT_AT_MOST_SECONDS = 30;

    @Resource(lookup = "java:jboss/datasources/IdssSyncDS")
    DataSource dataSource;

    @Inject
    SyncWriterLockRows rows;

    /** Whether the datasource leads to PostgreSQL, once known. */
    private volatile Boolean postgres;

    static String contactKey(int contactId) {
        return "c:" + contactId;
    }

    static String listKey(long listId) {
        return "l:" + listId;
    }

    static String emailKey(String email) {
        return "e:" + email.strip().toLowerCase(Locale.ROOT);
    }

    @Override
    public boolean tryHoldContact(int contactId) {
        return tryHold(new TreeSet<>(List.of(contactKey(contactId))));
    }

    @Override
    public boolean tryHoldList(long listId) {
        return tryHold(new TreeSet<>(List.of(listKey(listId))));
    }

    @Override
    public boolean tryHoldEmails(Collection<String> emails) {
        return tryHold(emailKeys(emails));
    }

    @Override
    public void hold(int[] contactIds, Collection<String> emails) {
        TreeSet<String> contacts = new TreeSet<>();
        for (int contactId : contactIds) {
            contacts.add(contactKey(contactId));
        }
        // Contacts before addresses, each ascending: the order every holder takes them in.
        holdWaiting(contacts);
        holdWaiting(emailKeys(emails));
    }

    @Override
    public void prepare(int[] contactIds) {
        if (contactIds.length == 0 || rowsCameWithTheContacts(contactIds)) {
            return;
        }
        try {
            rows.createForContacts(contactIds);
        } catch (RuntimeException createdMeanwhile) {
            // Another transaction created some of the same rows at the same moment (H2 has no ON CONFLICT):
            // whatever is still missing is created as it is locked.
        }
    }

    /**
     * On PostgreSQL a contact's rows are created with it (migration V13), so a reconcile usually finds
     * them all: a probe of the plan's first, middle and last contact tells that from a table a crash
     * emptied (it is unlogged), which is then filled in bulk again. A row missed all the same is
     * created as it is locked.
     */
    private boolean rowsCameWithTheContacts(int[] contactIds) {
        if (!onPostgres()) {
            return false;
        }
        Set<String> probes = new TreeSet<>(List.of(contactKey(contactIds[0]), contactKey(contactIds[contactIds.length / 2]),
                contactKey(contactIds[contactIds.length - 1])));
        return rows.existing(probes).size() == probes.size();
    }

    private boolean onPostgres() {
        Boolean known = postgres;
        if (known == null) {
            try (Connection connection = dataSource.getConnection()) {
                known = Databases.isPostgres(connection);
            } catch (SQLException e) {
                throw new IllegalStateException("could not tell which database the sync writer locks are in", e);
            }
            postgres = known;
        }
        return known;
    }

    private void holdWaiting(TreeSet<String> keys) {
        if (keys.isEmpty()) {
            return;
        }
        Set<String> held = lock(keys, false);
        if (held.size() == keys.size()) {
            return;
        }
        // Keys never locked before have no row yet (a reconcile prepares its own; an address can change
        // since): create them and take them too. They come after keys already held, out of the usual
        // order; a cycle that makes is broken by the database (a deadlock error: WriterBusy, and the
        // batch comes back).
        TreeSet<String> missing = new TreeSet<>(keys);
        missing.removeAll(held);
        createRows(missing);
        lock(missing, false);
    }

    private boolean tryHold(TreeSet<String> keys) {
        if (keys.isEmpty()) {
            return true;
        }
        Set<String> held = lock(keys, true);
        if (held.size() == keys.size()) {
            return true;
        }
        Set<String> missing = new TreeSet<>(keys);
        missing.removeAll(held);
        if (!rows.existing(missing).containsAll(missing)) {
            // Never locked before (no row yet), rather than held elsewhere: create the rows and try again.
            createRows(missing);
            return lock(new TreeSet<>(missing), true).size() == missing.size();
        }
        return false;
    }

    private void createRows(Set<String> missing) {
        try {
            rows.create(missing);
        } catch (RuntimeException createdMeanwhile) {
            // Another transaction created some of the same rows at the same moment (the unique key refuses
            // the second insert): whatever is still missing is created again.
            Set<String> still = new TreeSet<>(missing);
            still.removeAll(rows.existing(missing));
            if (!still.isEmpty()) {
                rows.create(still);
            }
        }
    }

    /** @return the keys now held by this transaction */
    private Set<String> lock(TreeSet<String> keys, boolean skipLocked) {
        Set<String> held = new HashSet<>(keys.size() * 2);
        List<String> ordered = new ArrayList<>(keys);
        try (Connection connection = dataSource.getConnection()) {
            boolean postgres = Databases.isPostgres(connection);
            if (!skipLocked && postgres) {
                // A holder is one Informz call away from done; one that is not (a hung node) must not
                // park this session for ever. For this transaction only.
                try (var limit = connection.createStatement()) {
                    limit.execute("SET LOCAL lock_timeout = '" + WAIT_AT_MOST_SECONDS + "s'");
                }
            }
            for (int from = 0; from < ordered.size(); from += CHUNK) {
                List<String> chunk = ordered.subList(from, Math.min(ordered.size(), from + CHUNK));
                // On PostgreSQL one array parameter: the same statement text for any number of keys, so the
                // server parses and plans it once per connection instead of once per batch.
                String sql = "SELECT lock_key FROM sync_writer_lock WHERE lock_key "
                        + (postgres ? "= ANY (?)" : "IN (" + SyncWriterLockRows.placeholders(chunk.size()) + ")")
                        + " ORDER BY lock_key FOR UPDATE" + (skipLocked ? " SKIP LOCKED" : "");
                try (PreparedStatement select = connection.prepareStatement(sql)) {
                    if (postgres) {
                        select.setArray(1, connection.createArrayOf("text", chunk.toArray()));
                    } else {
                        for (int i = 0; i < chunk.size(); i++) {
                            select.setString(i + 1, chunk.get(i));
                        }
                    }
                    try (ResultSet result = select.executeQuery()) {
                        while (result.next()) {
                            held.add(result.getString(1));
                        }
                    }
                }
            }
        } catch (SQLException e) {
            if (waitedTooLong(e)) {
                throw new WriterBusy(keys.size() == 1 ? keys.first() : keys.size() + " contacts or addresses");
            }
            throw new IllegalStateException("could not take the sync writer locks of " + keys.size() + " keys", e);
        }
        return held;
    }

    /**
     * A lock wait that timed out (H2's LOCK_TIMEOUT, PostgreSQL's lock_timeout) or a deadlock the
     * database broke: the caller's transaction is rolled back and the work comes again a little later.
     */
    private static boolean waitedTooLong(SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        return state.equals("HYT00") || state.equals("55P03") || state.equals("40P01") || state.equals("40001");
    }

    private static TreeSet<String> emailKeys(Collection<String> emails) {
        TreeSet<String> keys = new TreeSet<>();
        for (String email : emails) {
            if (email != null && !email.isBlank()) {
                keys.add(emailKey(email));
            }
        }
        return keys;
    }
}
