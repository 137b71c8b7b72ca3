package com.idss.informzsync.domain.list;

import java.util.Arrays;

/**
 * What has to happen in Informz to make a list's interest match the CRM: contacts that are members
 * now but were not last synced as members, and contacts no longer members whose address may still be
 * on the interest (synced, or pushed and failing since). Ids are ascending. {@code memberCount} is the number of members now, counted on the way.
 */
public record MembershipChange(long listId, int memberCount, int[] toAdd, int[] toRemove) {

    public boolean isEmpty() {
        return toAdd.length == 0 && toRemove.length == 0;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof MembershipChange that
                && listId == that.listId
                && memberCount == that.memberCount
                && Arrays.equals(toAdd, that.toAdd)
                && Arrays.equals(toRemove, that.toRemove);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Long.hashCode(listId) + Arrays.hashCode(toAdd)) + Arrays.hashCode(toRemove);
    }

    @Override
    public String toString() {
        return "MembershipChange[list " + listId + " of " + memberCount + ": +" + toAdd.length + " -" + toRemove.length + "]";
    }
}
