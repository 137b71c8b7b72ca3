package com.idss.informzsync.application.sync;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntPredicate;

/**
 * What the nightly check against Informz learns about unsubscribes on one list, decided from
 * Informz's answers, the states and the records, with no I/O of its own.
 *
 * <p>Informz holds a member as unsubscribed when it lists the person among the brand's unsubscribers
 * (a global unsubscribe), or when the member's membership of the interest is cancelled while its
 * state says synced with that very address. The sync cancels a membership only by an opt-out it books
 * at once (the contact left the list, was deactivated, changed its email), so a cancelled membership
 * under a synced state is an opt-out the sync did not make: the person's, or someone's in Informz.
 */
public final class UnsubscribeCheck {

    /** A member found unsubscribed in Informz whose state here does not say so yet. */
    public record Found(int contactId, boolean brandWide, String email, Instant at, String reason) {
    }

    /** A recorded unsubscribe Informz no longer bears out: the person resubscribed there. */
    public record Resubscribed(int contactId, boolean brandWide) {
    }

    /** Contacts already recorded as unsubscribed from this list's interest, and from all mail. */
    public record Recorded(Set<Integer> onList, Set<Integer> brandWide) {
    }

    /** What the check books: new records, and records to forget. */
    public record Result(List<Found> found, List<Resubscribed> resubscribed) {
    }

    private UnsubscribeCheck() {
    }

    /**
     * @param members            the contacts on the list now
     * @param syncedEmail        the address of each contact whose state on the list says synced
     * @param inInformz          every membership of the list's interest, current and cancelled
     * @param brandWideByContact the brand's unsubscribers, by contact
     */
    public static Result decide(Set<Integer> members, Map<Integer, String> syncedEmail,
            List<InformzPort.InterestMember> inInformz, Map<Integer, InformzPort.Unsubscriber> brandWideByContact,
            Recorded recorded) {
        Set<Integer> current = new HashSet<>();
        List<InformzPort.InterestMember> cancelled = new ArrayList<>();
        for (InformzPort.InterestMember membership : inInformz) {
            if (membership.contactId() != null && !membership.cancelled()) {
                current.add(membership.contactId());
            } else if (membership.contactId() != null) {
                cancelled.add(membership);
            }
        }
        return decide(members, syncedEmail, current::contains, cancelled, brandWideByContact, recorded);
    }

    /**
     * The same decision from what the nightly check keeps of an interest of any size. Only these inputs
     * are ever consulted, so the caller may narrow them without changing the answer: members that are
     * brand-wide unsubscribers or have a cancelled membership, the synced addresses of those, and the
     * cancelled memberships of synced contacts.
     *
     * @param currentInInformz whether the contact has a current membership of the interest
     * @param cancelled        cancelled memberships of the interest that carry a contact id
     */
    public static Result decide(Set<Integer> members, Map<Integer, String> syncedEmail, IntPredicate currentInInformz,
            List<InformzPort.InterestMember> cancelled, Map<Integer, InformzPort.Unsubscriber> brandWideByContact,
            Recorded recorded) {
        // A contact may have several cancelled memberships (an earlier address's, opted out by the sync).
        Map<Integer, InformzPort.InterestMember> cancelledAtSyncedAddress = new HashMap<>();
        for (InformzPort.InterestMember membership : cancelled) {
            if (membership.email() != null
                    && membership.email().strip().equalsIgnoreCase(syncedEmail.get(membership.contactId()))) {
                cancelledAtSyncedAddress.put(membership.contactId(), membership);
            }
        }
        List<Found> found = new ArrayList<>();
        List<Resubscribed> resubscribed = new ArrayList<>();
        for (int contactId : recorded.brandWide()) {
            if (!brandWideByContact.containsKey(contactId)) {
                resubscribed.add(new Resubscribed(contactId, true));
            }
        }
        for (int contactId : recorded.onList()) {
            if (currentInInformz.test(contactId)) {
                resubscribed.add(new Resubscribed(contactId, false));
            }
        }
        for (int contactId : members) {
            InformzPort.Unsubscriber unsubscriber = brandWideByContact.get(contactId);
            if (unsubscriber != null) {
                // Recorded already by another list's check, yet synced here: this list's state must say so too.
                if (!recorded.brandWide().contains(contactId) || syncedEmail.containsKey(contactId)) {
                    found.add(new Found(contactId, true, unsubscriber.email(), unsubscriber.unsubscribedAt(),
                            unsubscriber.reason()));
                }
                continue;
            }
            InformzPort.InterestMember optedOut = cancelledAtSyncedAddress.get(contactId);
            if (optedOut != null && !currentInInformz.test(contactId)) {
                found.add(new Found(contactId, false, syncedEmail.get(contactId), optedOut.cancelledAt(), null));
            }
        }
        return new Result(found, resubscribed);
    }
}
