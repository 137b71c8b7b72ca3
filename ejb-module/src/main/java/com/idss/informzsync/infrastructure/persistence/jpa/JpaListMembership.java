package com.idss.informzsync.infrastructure.persistence.jpa;

import static com.idss.informzsync.domain.list.query.ContactField.ACCOUNT_CITY;
import static com.idss.informzsync.domain.list.query.ContactField.ACCOUNT_COUNTRY;
import static com.idss.informzsync.domain.list.query.ContactField.ACCOUNT_NAME;
import static com.idss.informzsync.domain.list.query.ContactField.ACCOUNT_POSTAL_CODE;
import static com.idss.informzsync.domain.list.query.ContactField.ACCOUNT_STATE;
import static com.idss.informzsync.domain.list.query.ContactField.CITY;
import static com.idss.informzsync.domain.list.query.ContactField.EMAIL;
import static com.idss.informzsync.domain.list.query.ContactField.FIRST_NAME;
import static com.idss.informzsync.domain.list.query.ContactField.LAST_NAME;
import static com.idss.informzsync.domain.list.query.ContactField.POSTAL_CODE;
import static com.idss.informzsync.domain.list.query.ContactField.STATE;
import static com.idss.informzsync.domain.list.query.ContactField.TITLE;

import com.idss.informzsync.domain.account.AccountType;
import com.idss.informzsync.domain.contact.Contact;
import com.idss.informzsync.domain.list.DistributionList;
import com.idss.informzsync.domain.list.ListMembership;
import com.idss.informzsync.domain.list.MembershipChange;
import com.idss.informzsync.domain.list.query.ContactFacts;
import com.idss.informzsync.domain.list.query.ContactField;
import com.idss.informzsync.domain.list.query.CriteriaGroup;
import com.idss.informzsync.domain.list.query.Criterion;
import com.idss.informzsync.domain.list.query.QueryNode;
import com.idss.informzsync.domain.list.query.SavedQueryCheck;
import com.idss.informzsync.domain.sync.SyncState;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;
import jakarta.persistence.TypedQuery;
import jakarta.persistence.criteria.AbstractQuery;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.CriteriaQuery;
import jakarta.persistence.criteria.From;
import jakarta.persistence.criteria.Join;
import jakarta.persistence.criteria.Predicate;
import jakarta.persistence.criteria.Root;
import jakarta.persistence.criteria.Selection;
import jakarta.persistence.criteria.Subquery;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * List membership evaluated in the database, in ids. For a single contact "member" is one predicate:
 * active AND (explicit member OR query 1 OR query 2 …). Pages, counts, the whole list and the change
 * since the last sync merge ascending id streams, one per reason, instead (see
 * {@link #memberIdsBySource}); no entity is ever loaded. The lists a few contacts are on
 * ({@link #listsContaining}) read the contacts once and decide most saved queries in memory, where
 * the answer is sure to be the database's.
 */
public class JpaListMembership implements ListMembership {

    /** The text fields read by {@code factsOf}, in the order of its columns from the fourth on. */
    private static final ContactField[] TEXT_COLUMNS = {FIRST_NAME, LAST_NAME, TITLE, EMAIL, CITY, STATE, POSTAL_CODE,
            ACCOUNT_NAME, ACCOUNT_CITY, ACCOUNT_STATE, ACCOUNT_POSTAL_CODE, ACCOUNT_COUNTRY};

    /** Explicit members, active, among some contacts: the list, then the contacts as {@link KeyedSelect} binds them. */
    private static final String EXPLICIT_MEMBERS_AMONG = "SELECT m.contact_id FROM distribution_list_member m "
            + "JOIN contact c ON c.id = m.contact_id WHERE m.list_id = ? AND c.active <> FALSE AND m.contact_id ";

    /** Where each fact but the tags is, as {@code factsOf}'s JPQL reads it ({@code a} the contact's account). */
    private static final Map<ContactField, String> FACT_COLUMNS = Map.ofEntries(
            Map.entry(FIRST_NAME, "c.first_name"), Map.entry(LAST_NAME, "c.last_name"), Map.entry(TITLE, "c.title"),
            Map.entry(EMAIL, "c.email_normalized"), Map.entry(CITY, "c.city"), Map.entry(STATE, "c.state"),
            Map.entry(POSTAL_CODE, "c.postal_code"), Map.entry(ContactField.CREATED_DATE, "c.created_at"),
            Map.entry(ACCOUNT_NAME, "a.name"), Map.entry(ContactField.ACCOUNT_TYPE, "a.account_type"),
            Map.entry(ACCOUNT_CITY, "a.city"), Map.entry(ACCOUNT_STATE, "a.state"),
            Map.entry(ACCOUNT_POSTAL_CODE, "a.postal_code"), Map.entry(ACCOUNT_COUNTRY, "a.country"));

    private final EntityManager em;

    public JpaListMembership(EntityManager em) {
        this.em = em;
    }

    /**
     * The first page of each reason alone (explicit, each saved query), merged: the union's first
     * page is among them. One predicate with an OR of the reasons cannot use their indexes, so
     * PostgreSQL walked every contact for each page (1.2 s a page at 2,000,000 contacts).
     */
    @Override
    public List<Integer> memberIds(long listId, Integer afterId, int pageSize) {
        int[] union = SortedIds.union(memberIdsBySource(listId, afterId, pageSize));
        return Arrays.stream(union, 0, Math.min(union.length, pageSize)).boxed().toList();
    }

    @Override
    public int[] allMemberIds(long listId) {
        return SortedIds.union(memberIdsBySource(listId, null, 0));
    }

    @Override
    public long countMembers(long listId) {
        return allMemberIds(listId).length;
    }

    @Override
    public long countMatching(CriteriaGroup savedQuery) {
        CriteriaBuilder cb = em.getCriteriaBuilder();
        QueryParameters parameters = new QueryParameters(cb);
        CriteriaQuery<Long> query = cb.createQuery(Long.class);
        Root<Contact> contact = query.from(Contact.class);
        query.select(cb.count(contact)).where(isActive(cb, contact),
                new SavedQueryPredicates(cb, query, contact, parameters).matches(savedQuery));
        return parameters.applyTo(em.createQuery(query)).getSingleResult();
    }

    @Override
    public boolean isMember(long listId, int contactId) {
        List<CriteriaGroup> savedQueries = savedQueriesOf(listId);
        CriteriaBuilder cb = em.getCriteriaBuilder();
        QueryParameters parameters = new QueryParameters(cb);
        CriteriaQuery<Integer> query = cb.createQuery(Integer.class);
        Root<Contact> contact = query.from(Contact.class);
        query.select(contact.get("id")).where(
                cb.equal(contact.get("id"), parameters.bind(Integer.class, contactId)),
                isMember(cb, query, contact, listId, savedQueries, parameters));
        return !parameters.applyTo(em.createQuery(query)).setMaxResults(1).getResultList().isEmpty();
    }

    /**
     * Read past the entity manager (a batch asks about hundreds of contacts, and each JPQL or Criteria
     * query with them was a new statement for EclipseLink to build and print: a tenth of the server's
     * time in a full sync): the explicit members among them, then the others' facts, on which most
     * saved queries are decided in memory as in {@link #listsContaining}. What memory cannot decide
     * goes to the database, one query per saved query for just those contacts: an OR of the queries
     * made PostgreSQL hash the whole of a saved query's matches for every batch.
     */
    @Override
    public Set<Integer> membersAmong(long listId, int[] contactIds) {
        if (contactIds.length == 0) {
            return Set.of();
        }
        List<Integer> ids = Arrays.stream(contactIds).boxed().toList();
        Connection connection = em.unwrap(Connection.class); // the transaction's: EclipseLink has none outside one
        if (connection == null) {
            throw new IllegalStateException("the members among some contacts are read in a transaction, which "
                    + "holds them; there is none");
        }
        Set<Integer> members = new HashSet<>();
        try {
            KeyedSelect.forKeys(connection, EXPLICIT_MEMBERS_AMONG, List.of(listId), "int4", ids,
                    row -> members.add(row.getInt(1)));
        } catch (SQLException e) {
            throw new IllegalStateException("could not read list " + listId + "'s members among " + ids.size() + " contacts", e);
        }
        List<CriteriaGroup> savedQueries = savedQueriesOf(listId);
        if (savedQueries.isEmpty() || members.size() == ids.size()) {
            return members;
        }
        List<Integer> undecided = new ArrayList<>();
        factsOf(connection, ids.stream().filter(id -> !members.contains(id)).toList(), savedQueries).forEach((contactId, contact) -> {
            switch (SavedQueryCheck.anyOf(savedQueries, contact)) {
                case MATCHES -> members.add(contactId);
                case ASK_THE_DATABASE -> undecided.add(contactId);
                case DOES_NOT_MATCH -> { }
            }
        });
        for (CriteriaGroup savedQuery : savedQueries) {
            if (undecided.isEmpty()) {
                break;
            }
            CriteriaBuilder cb = em.getCriteriaBuilder();
            QueryParameters parameters = new QueryParameters(cb);
            CriteriaQuery<Integer> query = cb.createQuery(Integer.class);
            Root<Contact> contact = query.from(Contact.class);
            query.select(contact.get("id"))
                    .where(contact.get("id").in(undecided), isActive(cb, contact),
                            new SavedQueryPredicates(cb, query, contact, parameters).matches(savedQuery));
            List<Integer> matching = parameters.applyTo(em.createQuery(query)).getResultList();
            members.addAll(matching);
            undecided.removeAll(matching);
        }
        return members;
    }

    /**
     * As {@link #factsOf(Collection)}, with plain JDBC on the transaction's connection, and only the
     * facts these queries test: a list of tagged contacts reads their tags and nothing else.
     */
    private static Map<Integer, ContactFacts> factsOf(Connection connection, List<Integer> contactIds,
            List<CriteriaGroup> queries) {
        Set<ContactField> tested = EnumSet.noneOf(ContactField.class);
        queries.forEach(query -> addFields(query, tested));
        List<ContactField> columns = tested.stream().filter(field -> field != ContactField.TAG).toList();
        StringBuilder sql = new StringBuilder("SELECT c.id");
        columns.forEach(field -> sql.append(", ").append(FACT_COLUMNS.get(field)));
        sql.append(" FROM contact c");
        if (columns.stream().anyMatch(field -> FACT_COLUMNS.get(field).startsWith("a."))) {
            sql.append(" LEFT JOIN account a ON a.id = c.account_id");
        }
        sql.append(" WHERE c.active <> FALSE AND c.id "); // "= TRUE" let H2 walk the index on active
        Map<Integer, Set<String>> tags = new HashMap<>();
        Map<Integer, ContactFacts> facts = new HashMap<>();
        try {
            if (tested.contains(ContactField.TAG)) {
                KeyedSelect.forKeys(connection, "SELECT contact_id, tag FROM contact_tag WHERE contact_id ", List.of(), "int4",
                        contactIds, row -> tags.computeIfAbsent(row.getInt(1), id -> new HashSet<>()).add(row.getString(2)));
            }
            KeyedSelect.forKeys(connection, sql.toString(), List.of(), "int4", contactIds, row -> {
                Map<ContactField, String> texts = new EnumMap<>(ContactField.class);
                String accountType = null;
                OffsetDateTime createdAt = null;
                for (int i = 0; i < columns.size(); i++) {
                    ContactField field = columns.get(i);
                    if (field == ContactField.CREATED_DATE) {
                        createdAt = row.getObject(i + 2, OffsetDateTime.class);
                    } else if (field == ContactField.ACCOUNT_TYPE) {
                        accountType = row.getString(i + 2);
                    } else {
                        String text = row.getString(i + 2);
                        if (text != null) {
                            texts.put(field, text);
                        }
                    }
                }
                int contactId = row.getInt(1);
                facts.put(contactId, new ContactFacts(texts, accountType, tags.getOrDefault(contactId, Set.of()), createdAt));
            });
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the facts of " + contactIds.size() + " contacts", e);
        }
        return facts;
    }

    private static void addFields(QueryNode node, Set<ContactField> fields) {
        if (node instanceof Criterion criterion) {
            fields.add(criterion.field());
        } else if (node instanceof CriteriaGroup group) {
            group.children().forEach(child -> addFields(child, fields));
        }
    }

    @Override
    public Map<Integer, Set<Long>> listsContaining(Collection<Integer> contactIds, Collection<Long> listIds) {
        Map<Integer, Set<Long>> containing = new HashMap<>();
        contactIds.forEach(id -> containing.put(id, new HashSet<>()));
        if (listIds.isEmpty() || contactIds.isEmpty()) {
            return containing;
        }
        for (Object[] row : em.createQuery("select m.id, l.id from DistributionList l join l.members m "
                        + "where m.id in :contacts and m.active <> false and l.id in :lists", Object[].class)
                .setParameter("contacts", contactIds)
                .setParameter("lists", listIds)
                .getResultList()) {
            containing.get((Integer) row[0]).add((Long) row[1]);
        }
        Map<Long, List<CriteriaGroup>> queriesByList = new LinkedHashMap<>();
        for (Object[] row : em.createQuery("select q.list.id, q.criteriaJson from SavedQuery q "
                        + "where q.list.id in :lists order by q.list.id, q.id", Object[].class)
                .setParameter("lists", listIds)
                .getResultList()) {
            queriesByList.computeIfAbsent((Long) row[0], id -> new ArrayList<>()).add(ParsedQueries.parse((String) row[1]));
        }
        if (queriesByList.isEmpty()) {
            return containing;
        }
        // Most criteria are decided in memory from one read of the contacts (SavedQueryCheck); the
        // lists it cannot decide for some contact go to the database, for all the contacts asked about.
        Map<Long, List<CriteriaGroup>> undecided = new LinkedHashMap<>();
        Map<Integer, ContactFacts> facts = factsOf(contactIds);
        facts.forEach((contactId, contact) -> queriesByList.forEach((listId, queries) -> {
            switch (SavedQueryCheck.anyOf(queries, contact)) {
                case MATCHES -> containing.get(contactId).add(listId);
                case ASK_THE_DATABASE -> undecided.put(listId, queries);
                case DOES_NOT_MATCH -> { }
            }
        }));
        if (!undecided.isEmpty()) {
            addMatchesFromTheDatabase(containing, contactIds, undecided);
        }
        return containing;
    }

    /** The facts saved queries test, of the active contacts among these (the others match no query). */
    private Map<Integer, ContactFacts> factsOf(Collection<Integer> contactIds) {
        Map<Integer, Set<String>> tags = new HashMap<>();
        for (Object[] row : em.createQuery("select c.id, t from Contact c join c.tags t where c.id in :contacts", Object[].class)
                .setParameter("contacts", contactIds)
                .getResultList()) {
            tags.computeIfAbsent((Integer) row[0], id -> new HashSet<>()).add((String) row[1]);
        }
        Map<Integer, ContactFacts> facts = new HashMap<>();
        for (Object[] row : em.createQuery("select c.id, c.createdAt, a.type, c.firstName, c.lastName, c.title, "
                        + "c.emailNormalized, c.city, c.state, c.postalCode, a.name, a.address.city, a.address.state, "
                        + "a.address.postalCode, a.address.country from Contact c left join c.account a "
                        + "where c.id in :contacts and c.active = true", Object[].class)
                .setParameter("contacts", contactIds)
                .getResultList()) {
            Map<ContactField, String> texts = new EnumMap<>(ContactField.class);
            for (int i = 0; i < TEXT_COLUMNS.length; i++) {
                if (row[i + 3] != null) {
                    texts.put(TEXT_COLUMNS[i], (String) row[i + 3]);
                }
            }
            Integer contactId = (Integer) row[0];
            facts.put(contactId, new ContactFacts(texts, row[2] == null ? null : ((AccountType) row[2]).name(),
                    tags.getOrDefault(contactId, Set.of()), (OffsetDateTime) row[1]));
        }
        return facts;
    }

    /**
     * One row per contact: its id, whether it is active, then one 0/1 column per list ("does any of
     * this list's queries match?"). Active is read, not filtered on: with the filter, H2 failed this
     * query with "BOOLEAN and INTEGER are not comparable".
     */
    private void addMatchesFromTheDatabase(Map<Integer, Set<Long>> containing, Collection<Integer> contactIds,
            Map<Long, List<CriteriaGroup>> queriesByList) {
        CriteriaBuilder cb = em.getCriteriaBuilder();
        QueryParameters parameters = new QueryParameters(cb);
        CriteriaQuery<Tuple> query = cb.createTupleQuery();
        Root<Contact> contact = query.from(Contact.class);
        SavedQueryPredicates predicates = new SavedQueryPredicates(cb, query, contact, parameters);
        List<Long> columns = new ArrayList<>(queriesByList.keySet());
        List<Selection<?>> matches = new ArrayList<>(columns.size() + 2);
        matches.add(contact.get("id"));
        matches.add(contact.get("active"));
        for (Long listId : columns) {
            Predicate anyQuery = cb.or(queriesByList.get(listId).stream().map(predicates::matches).toArray(Predicate[]::new));
            matches.add(cb.<Integer>selectCase().when(anyQuery, 1).otherwise(0));
        }
        query.multiselect(matches).where(contact.get("id").in(contactIds));
        for (Tuple row : parameters.applyTo(em.createQuery(query)).getResultList()) {
            if (Boolean.FALSE.equals(row.get(1))) {
                continue; // explicit memberships were already filtered on active
            }
            Set<Long> lists = containing.get((Integer) row.get(0));
            for (int i = 0; i < columns.size(); i++) {
                if (((Number) row.get(i + 2)).intValue() == 1) {
                    lists.add(columns.get(i));
                }
            }
        }
    }

    @Override
    public MembershipChange changeSinceLastSync(long listId) {
        int[] members = allMemberIds(listId);
        CursoredIds.Ints synced = new CursoredIds.Ints();
        CursoredIds.Ints mayBeInInformz = new CursoredIds.Ints();
        CursoredIds.forEachRow(pushedTo(listId), row -> {
            int contactId = ((Number) ((Object[]) row)[0]).intValue();
            mayBeInInformz.add(contactId);
            if (((Object[]) row)[1] == SyncState.SYNCED) {
                synced.add(contactId);
            }
        });
        return new MembershipChange(listId, members.length, SortedIds.difference(members, synced.toArray()),
                SortedIds.difference(mayBeInInformz.toArray(), members));
    }

    @Override
    public int[] syncedContactIds(long listId) {
        return CursoredIds.read(em.createQuery("select s.contactId from ContactListSyncState s "
                        + "where s.listId = :listId and s.state = :synced order by s.contactId", Integer.class)
                .setParameter("listId", listId)
                .setParameter("synced", SyncState.SYNCED));
    }

    /**
     * Members as one ascending id list per reason (explicit, each saved query), after {@code afterId}
     * when given, at most {@code limit} each when positive. Each is a plain indexed scan the database
     * plans well on its own; an OR of them, anti-joined against the sync state, defeats H2's planner
     * (seconds per 100k contacts) and makes PostgreSQL walk every contact. The union and differences
     * are linear merges of sorted int arrays.
     */
    private List<int[]> memberIdsBySource(long listId, Integer afterId, int limit) {
        List<int[]> sources = new ArrayList<>();
        TypedQuery<Integer> explicit = em.createQuery("select m.id from DistributionList l join l.members m "
                        + "where l.id = :listId and m.active <> false" + (afterId == null ? "" : " and m.id > :after")
                        + " order by m.id", Integer.class)
                .setParameter("listId", listId);
        if (afterId != null) {
            explicit.setParameter("after", afterId);
        }
        sources.add(ids(explicit, limit));
        for (CriteriaGroup savedQuery : savedQueriesOf(listId)) {
            CriteriaBuilder cb = em.getCriteriaBuilder();
            QueryParameters parameters = new QueryParameters(cb);
            CriteriaQuery<Integer> query = cb.createQuery(Integer.class);
            Root<Contact> contact = query.from(Contact.class);
            Predicate matches = cb.and(isActive(cb, contact),
                    new SavedQueryPredicates(cb, query, contact, parameters).matches(savedQuery));
            if (afterId != null) {
                matches = cb.and(matches, cb.greaterThan(contact.get("id"), parameters.bind(Integer.class, afterId)));
            }
            query.select(contact.get("id")).where(matches).orderBy(cb.asc(contact.get("id")));
            sources.add(ids(parameters.applyTo(em.createQuery(query)), limit));
        }
        return sources;
    }

    /** A page of ids read at once, or all of them through a cursor (a whole list may be 200,000). */
    private static int[] ids(TypedQuery<Integer> query, int limit) {
        return limit > 0 ? toIntArray(query.setMaxResults(limit).getResultList()) : CursoredIds.read(query);
    }

    /**
     * Contact id and state, ascending, of every contact whose address may be on the list's interest:
     * synced, or pushed once and failing since (a retry pending, or an error) — the contact's own
     * sync treats those the same way when it leaves a list.
     */
    private TypedQuery<Object[]> pushedTo(long listId) {
        return em.createQuery("select s.contactId, s.state from ContactListSyncState s where s.listId = :listId "
                        + "and (s.state = :synced or (s.lastSyncedEmail is not null and s.state in :failing)) "
                        + "order by s.contactId", Object[].class)
                .setParameter("listId", listId)
                .setParameter("synced", SyncState.SYNCED)
                .setParameter("failing", List.of(SyncState.RETRYING, SyncState.ERROR));
    }

    private Predicate isMember(CriteriaBuilder cb, AbstractQuery<?> query, Root<Contact> contact, long listId,
            List<CriteriaGroup> savedQueries, QueryParameters parameters) {
        Subquery<Integer> explicitMember = query.subquery(Integer.class);
        Root<DistributionList> list = explicitMember.from(DistributionList.class);
        Join<DistributionList, Contact> member = list.join("members");
        explicitMember.select(member.get("id")).where(
                cb.equal(list.get("id"), parameters.bind(Long.class, listId)),
                cb.equal(member.get("id"), contact.get("id")));

        List<Predicate> anyReason = new ArrayList<>();
        anyReason.add(cb.exists(explicitMember));
        SavedQueryPredicates predicates = new SavedQueryPredicates(cb, query, contact, parameters);
        for (CriteriaGroup savedQuery : savedQueries) {
            anyReason.add(predicates.matches(savedQuery));
        }
        return cb.and(isActive(cb, contact), cb.or(anyReason.toArray(Predicate[]::new)));
    }

    // Written as "<> false", not "= true": nearly every contact is active, yet H2 would walk the
    // (console's) index on active for "= true" and fetch every row through it, which made the
    // million-contact change five times slower and drove the explicit-member join from contact.
    private static Predicate isActive(CriteriaBuilder cb, From<?, Contact> contact) {
        return cb.notEqual(contact.get("active"), Boolean.FALSE);
    }

    private List<CriteriaGroup> savedQueriesOf(long listId) {
        return em.createQuery("select q.criteriaJson from SavedQuery q where q.list.id = :listId order by q.id", String.class)
                .setParameter("listId", listId)
                .getResultList()
                .stream()
                .map(ParsedQueries::parse)
                .toList();
    }

    private static int[] toIntArray(List<Integer> ids) {
        return ids.stream().mapToInt(Integer::intValue).toArray();
    }
}
