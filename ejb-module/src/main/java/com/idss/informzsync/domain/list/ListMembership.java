package com.idss.informzsync.domain.list;

import com.idss.informzsync.domain.list.query.CriteriaGroup;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Who is on a list, computed from current data each time: explicit members plus everyone the
 * list's saved queries match, minus inactive contacts. Works on ids in the database, never on
 * loaded contacts, because lists run to hundreds of thousands.
 */
public interface ListMembership {

    /** One page of member ids, ascending, strictly after {@code afterId} ({@code null} for the first page). */
    List<Integer> memberIds(long listId, Integer afterId, int pageSize);

    /** Every member id, ascending (a list of 200,000 is 800 KB this way). */
    int[] allMemberIds(long listId);

    long countMembers(long listId);

    /** How many active contacts a saved query matches, on its own (the query form's live count). */
    long countMatching(CriteriaGroup query);

    boolean isMember(long listId, int contactId);

    /**
     * Which of the given lists each contact is on now: the same answer as {@link #isMember} list by
     * list, in a few queries whatever the number of lists and contacts (contact syncs ask this on
     * every save).
     *
     * @return a set for every contact asked about, empty when it is on none of the lists
     */
    Map<Integer, Set<Long>> listsContaining(Collection<Integer> contactIds, Collection<Long> listIds);

    /**
     * Which of the given contacts are on the list now (a batch checks its plan against current data), read
     * in the caller's transaction: the batch's, which holds the contacts.
     */
    Set<Integer> membersAmong(long listId, int[] contactIds);

    /**
     * Members now versus the sync-state table: to add, members not recorded as {@code SYNCED}; to
     * remove, non-members whose address may be on the interest ({@code SYNCED}, or pushed once and
     * {@code RETRYING} or in {@code ERROR} since).
     */
    MembershipChange changeSinceLastSync(long listId);

    /** The contacts whose state on the list says {@code SYNCED}, ascending (members or not). */
    int[] syncedContactIds(long listId);
}
