package com.idss.informzsync.application.sync;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * How a reconcile reads back the Informz subscriber ids of the contacts it synced that lack one: the
 * whole interest page by page, or only the addresses that lack one, whichever takes fewer calls.
 */
final class SubscriberIdReadBack {

    /** Rows of one page of an interest's members (the grid's cap). */
    static final int MEMBERS_PER_PAGE = 1_000;
    /** Addresses asked for in one subscriber grid request (the adapter's lookup size). */
    static final int ADDRESSES_PER_CALL = 500;

    private SubscriberIdReadBack() {
    }

    /**
     * The most contacts lacking an id for which asking for their addresses takes fewer calls than
     * reading the whole interest of this many members.
     */
    static int mostAskedByAddress(int members) {
        return Math.max(0, (members + MEMBERS_PER_PAGE - 1) / MEMBERS_PER_PAGE - 1) * ADDRESSES_PER_CALL;
    }

    /** @param rows contact id and synced address, as the reconcile read them */
    static List<List<Object[]>> chunks(List<Object[]> rows) {
        List<List<Object[]>> chunks = new ArrayList<>();
        for (int from = 0; from < rows.size(); from += ADDRESSES_PER_CALL) {
            chunks.add(rows.subList(from, Math.min(rows.size(), from + ADDRESSES_PER_CALL)));
        }
        return chunks;
    }

    /**
     * @param rows            contact id and synced address
     * @param idByAddress     what Informz answered, by normalized address
     * @return the subscriber id of each contact whose address Informz has
     */
    static Map<Integer, Long> byContact(List<Object[]> rows, Map<String, Long> idByAddress) {
        Map<Integer, Long> ids = new HashMap<>(rows.size() * 2);
        for (Object[] row : rows) {
            String address = (String) row[1];
            Long id = address == null ? null : idByAddress.get(address.strip().toLowerCase(Locale.ROOT));
            if (id != null) {
                ids.put((Integer) row[0], id);
            }
        }
        return ids;
    }

    /**
     * A reconcile's pushes of contacts that had no subscriber id, gathered batch by batch: counted
     * all, kept while they are few (their addresses are asked for). Keeping all of a first sync's
     * would hold 200,000 for a list of that size, where the whole interest is read anyway.
     */
    static final class PushedWithoutId {
        static final int MOST_KEPT = 10_000;
        private final List<Object[]> kept = new ArrayList<>();
        private long count;
        private int mostWorthAsking = Integer.MAX_VALUE;

        /** @param batchRows contact id and pushed address of each */
        void add(List<Object[]> batchRows) {
            count += batchRows.size();
            if (count <= MOST_KEPT) {
                kept.addAll(batchRows);
            } else {
                kept.clear();
            }
        }

        /** Once the plan has said how many members the list has ({@link #mostAskedByAddress}). */
        void mostWorthAsking(int most) {
            mostWorthAsking = most;
        }

        /** More than asking for their addresses is worth: the whole interest is read instead. */
        boolean tooManyToAskFor() {
            return count > mostWorthAsking;
        }

        /** All of them, unless there were more than are kept. */
        Optional<List<Object[]>> all() {
            return count <= MOST_KEPT ? Optional.of(kept) : Optional.empty();
        }
    }
}
