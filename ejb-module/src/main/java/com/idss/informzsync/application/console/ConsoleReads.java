package com.idss.informzsync.application.console;

import com.idss.informzsync.domain.list.DistributionList;
import com.idss.informzsync.domain.sync.ListSyncRun;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import java.util.List;
import java.util.Locale;

/** What the console's read models share: page bounds, "contains" patterns, a run as the pages show it. */
final class ConsoleReads {

    static final int MAX_PAGE_SIZE = 200;

    private ConsoleReads() {
    }

    static RunView latestRun(EntityManager em, TypedQuery<ListSyncRun> query) {
        List<ListSyncRun> runs = query.setMaxResults(1).getResultList();
        if (runs.isEmpty()) {
            return null;
        }
        ListSyncRun run = runs.get(0);
        DistributionList list = em.find(DistributionList.class, run.getListId());
        return RunView.of(run, list == null ? null : list.getName());
    }

    /** A LIKE pattern for "contains", with the user's %, _ and \ taken literally. */
    static String likePattern(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String escaped = text.strip().toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
        return "%" + escaped + "%";
    }

    static int bounded(int size) {
        return Math.max(1, Math.min(size, MAX_PAGE_SIZE));
    }
}
