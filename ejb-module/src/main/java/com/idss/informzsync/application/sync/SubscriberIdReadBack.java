package com.idss.informzsync.application.sync;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

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
     * A reconcile's pushes of contacts that had no subscriber id, gathered batch by batch: the few to
     * ask for by address, or, once there are more than that is worth, only the fact (the whole
     * interest is read then, and holding 100,000 of them would cost memory for nothing).
     */
    static final class PushedWithoutId {
        private final List<Object[]> rows = new ArrayList<>();
        private int mostWorthAsking = Integer.MAX_VALUE;
        private boolean tooMany;

        /** @param batchRows contact id and pushed address of each */
        void add(List<Object[]> batchRows) {
            if (!tooMany) {
                rows.addAll(batchRows);
                checkCount();
            }
        }

        /** Once the plan has said how many members the list has ({@link #mostAskedByAddress}). */
        void mostWorthAsking(int most) {
            mostWorthAsking = most;
            checkCount();
        }

        boolean tooManyToAskFor() {
            return tooMany;
        }

        List<Object[]> rows() {
            return rows;
        }

        private void checkCount() {
            if (rows.size() > mostWorthAsking) {
                tooMany = true;
                rows.clear();
            }
        }
    }
}
