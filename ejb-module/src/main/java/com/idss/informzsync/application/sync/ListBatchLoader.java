package com.idss.informzsync.application.sync;

import com.idss.informzsync.domain.contact.DuplicateContacts;
import com.idss.informzsync.domain.contact.DuplicateOwnership;
import com.idss.informzsync.domain.contact.EmailClaim;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads what a batch of a list reconcile sends to Informz: the contacts' fields and who owns each
 * shared email. An EJB of its own so the reconcile can read batch n+1 on another thread (in a
 * short read transaction) while batch n is with Informz.
 */
@Stateless
public class ListBatchLoader {

    /** A contact as a batch needs it: no entity, no lazy loading. {@code version} is the contact's, as read. */
    public record Candidate(int id, long version, String email, String emailNormalized, Long subscriberId,
            Map<String, String> fields) {
    }

    /**
     * @param owners owners of the batch's emails that other active contacts share (absent when nobody shares it)
     */
    public record Batch(List<Candidate> candidates, Map<String, EmailClaim> owners) {
    }

    @PersistenceContext(unitName = "crm")
    EntityManager em;

    @Inject
    DuplicateContacts duplicates;

    public Batch load(int[] contactIds) {
        if (contactIds.length == 0) {
            // Every planned contact left the list or is in doubt; PostgreSQL refuses an empty IN ().
            return new Batch(List.of(), Map.of());
        }
        List<Candidate> candidates = candidates(contactIds);
        return new Batch(candidates, ownersOf(candidates));
    }

    private List<Candidate> candidates(int[] contactIds) {
        List<Object[]> rows = em.createQuery("select c.id, c.version, c.email, c.emailNormalized, c.informzSubscriberId, "
                        + "c.firstName, c.lastName, c.title, a.name, c.phone, c.city, c.state, c.postalCode "
                        + "from Contact c left join c.account a where c.id in :ids", Object[].class)
                .setParameter("ids", Arrays.stream(contactIds).boxed().toList())
                .getResultList();
        List<Candidate> candidates = new ArrayList<>(rows.size());
        for (Object[] r : rows) {
            candidates.add(new Candidate((Integer) r[0], ((Number) r[1]).longValue(), (String) r[2], (String) r[3],
                    (Long) r[4], SubscriberFields.fieldsOf((String) r[5], (String) r[6], (String) r[7], (String) r[8],
                            (String) r[9], (String) r[10], (String) r[11], (String) r[12])));
        }
        return candidates;
    }

    private Map<String, EmailClaim> ownersOf(List<Candidate> candidates) {
        List<String> emails = candidates.stream().map(Candidate::emailNormalized).filter(e -> e != null).distinct().toList();
        if (emails.isEmpty()) {
            return Map.of();
        }
        Map<String, List<EmailClaim>> claimsByEmail = duplicates.claimsOn(emails);
        Map<String, EmailClaim> owners = new HashMap<>();
        claimsByEmail.forEach((email, claims) -> {
            if (claims.size() > 1) {
                owners.put(email, DuplicateOwnership.owner(claims));
            }
        });
        return owners;
    }
}
