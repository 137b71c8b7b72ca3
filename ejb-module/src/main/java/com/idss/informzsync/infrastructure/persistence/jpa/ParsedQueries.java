package com.idss.informzsync.infrastructure.persistence.jpa;

import com.idss.informzsync.domain.list.query.CriteriaGroup;
import com.idss.informzsync.domain.list.query.QueryJson;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Saved queries parsed once: every contact save checks every synced list's queries, and parsing
 * their JSON each time cost more than the database lookups. Keyed by the JSON itself, so an edited
 * query is simply a new entry; the trees are immutable records, safe to share between threads.
 */
final class ParsedQueries {

    private static final int MAX_ENTRIES = 1_000;
    private static final Map<String, CriteriaGroup> BY_JSON = new ConcurrentHashMap<>();

    private ParsedQueries() {
    }

    static CriteriaGroup parse(String json) {
        CriteriaGroup parsed = BY_JSON.get(json);
        if (parsed != null) {
            return parsed;
        }
        parsed = QueryJson.read(json);
        if (BY_JSON.size() >= MAX_ENTRIES) {
            BY_JSON.clear(); // queries are few; a crude bound keeps edits from growing it forever
        }
        BY_JSON.put(json, parsed);
        return parsed;
    }
}
