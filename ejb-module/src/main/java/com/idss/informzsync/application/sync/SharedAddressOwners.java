package com.idss.informzsync.application.sync;

import com.idss.informzsync.domain.contact.DuplicateContacts;
import com.idss.informzsync.domain.contact.DuplicateOwnership;
import com.idss.informzsync.domain.contact.EmailClaim;
import com.idss.informzsync.domain.sync.SyncState;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Keeps the contacts that share an address agreeing on who owns it. Ownership moves with edits to
 * any one of them (an email change, a deactivation, an older record taking the address), but each
 * contact's states are decided only when that contact syncs. So after a writer decides, every other
 * sharer whose states were decided under another owner is asked to sync again, as is every contact
 * that waited as a duplicate for a contact that no longer owns its address.
 *
 * <p>It converges: a contact asked again decides under the current owner, after which it agrees and
 * is not asked again. Runs in the writer's transaction, so the nudges are sent only if its booking
 * commits.
 */
@ApplicationScoped
public class SharedAddressOwners {

    private static final List<SyncState> DECIDED_STATES =
            List.of(SyncState.DUPLICATE, SyncState.SYNCED, SyncState.RETRYING, SyncState.ERROR);

    @PersistenceContext(unitName = "crm")
    EntityManager em;

    @Inject
    DuplicateContacts duplicates;

    @Inject
    Event<AggregateChanged> changes;

    /** One state of a sharer, as far as ownership is concerned. */
    record SharerState(int contactId, SyncState state, Integer duplicateOf) {
    }

    /**
     * Asks to sync again every contact that disagrees with the current owner of one of
     * {@code addresses}, or that waited as a duplicate for one of {@code decided}. The contacts in
     * {@code decided} have just been decided under the current owners and are not asked.
     */
    public void settle(Collection<String> addresses, Set<Integer> decided) {
        Set<String> concerned = new TreeSet<>(addresses);
        if (!decided.isEmpty()) {
            concerned.addAll(em.createQuery("select distinct c.emailNormalized from ContactListSyncState s, Contact c "
                            + "where s.duplicateOf in :decided and s.state = :duplicate and c.id = s.contactId "
                            + "and c.active = true and c.emailNormalized is not null", String.class)
                    .setParameter("decided", decided)
                    .setParameter("duplicate", SyncState.DUPLICATE)
                    .getResultList());
        }
        if (concerned.isEmpty()) {
            return;
        }
        Map<String, List<EmailClaim>> claimsByAddress = duplicates.claimsOn(concerned);
        Set<Integer> sharers = new HashSet<>();
        claimsByAddress.values().forEach(claims -> claims.forEach(c -> sharers.add(c.contactId())));
        sharers.removeAll(decided);
        if (sharers.isEmpty()) {
            return;
        }
        List<SharerState> states = em.createQuery("select s.contactId, s.state, s.duplicateOf from ContactListSyncState s "
                        + "where s.contactId in :ids and s.state in :states", Object[].class)
                .setParameter("ids", sharers)
                .setParameter("states", DECIDED_STATES)
                .getResultList().stream()
                .map(r -> new SharerState((Integer) r[0], (SyncState) r[1], (Integer) r[2]))
                .toList();
        disagreeing(claimsByAddress, states, decided)
                .forEach(id -> changes.fire(new AggregateChanged(AggregateKind.CONTACT, id)));
    }

    /**
     * The sharers whose states disagree with their address's owner: the owner marked a duplicate, or
     * another sharer that is synced, retrying, in error (decided as if it owned the address) or a
     * duplicate of someone else.
     */
    static Set<Integer> disagreeing(Map<String, List<EmailClaim>> claimsByAddress, Collection<SharerState> states,
            Set<Integer> decided) {
        Map<Integer, Integer> ownerByContact = new HashMap<>();
        claimsByAddress.values().forEach(claims -> {
            int owner = DuplicateOwnership.owner(claims).contactId();
            claims.forEach(claim -> ownerByContact.put(claim.contactId(), owner));
        });
        Set<Integer> disagreeing = new TreeSet<>();
        for (SharerState state : states) {
            Integer owner = ownerByContact.get(state.contactId());
            if (owner == null || decided.contains(state.contactId())) {
                continue;
            }
            boolean agrees = owner == state.contactId()
                    ? state.state() != SyncState.DUPLICATE
                    : state.state() == SyncState.DUPLICATE && owner.equals(state.duplicateOf());
            if (!agrees) {
                disagreeing.add(state.contactId());
            }
        }
        return disagreeing;
    }
}
