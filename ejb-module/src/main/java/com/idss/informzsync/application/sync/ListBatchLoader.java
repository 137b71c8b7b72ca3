package com.idss.informzsync.application.sync;

import com.idss.informzsync.domain.contact.DuplicateOwnership;
import com.idss.informzsync.domain.contact.EmailClaim;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads what a batch of a list reconcile sends to Informz: the contacts' fields and who owns each
 * shared email, in the batch's transaction, under its locks ({@link ListBatchWriter}).
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

    @Inject
    BatchContactReads reads;

    public Batch load(int[] contactIds) {
        if (contactIds.length == 0) {
            // Every planned contact left the list or is in doubt.
            return new Batch(List.of(), Map.of());
        }
        List<Candidate> candidates = reads.candidates(contactIds);
        return new Batch(candidates, ownersOf(candidates));
    }

    private Map<String, EmailClaim> ownersOf(List<Candidate> candidates) {
        List<String> emails = candidates.stream().map(Candidate::emailNormalized).filter(e -> e != null).distinct().toList();
        if (emails.isEmpty()) {
            return Map.of();
        }
        Map<String, List<EmailClaim>> claimsByEmail = reads.claimsOn(emails);
        Map<String, EmailClaim> owners = new HashMap<>();
        claimsByEmail.forEach((email, claims) -> {
            if (claims.size() > 1) {
                owners.put(email, DuplicateOwnership.owner(claims));
            }
        });
        return owners;
    }
}
