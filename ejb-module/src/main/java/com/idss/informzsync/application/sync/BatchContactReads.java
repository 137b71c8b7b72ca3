package com.idss.informzsync.application.sync;

import com.idss.informzsync.application.sync.ListBatchLoader.Candidate;
import com.idss.informzsync.domain.contact.EmailClaim;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * What a list batch reads of its contacts, by key and in bulk, in the caller's transaction. Read
 * past the entity manager: the batch reads before it writes anything, and its hundreds of keys made
 * each JPQL query a new statement to build, bind and plan, batch after batch.
 */
public interface BatchContactReads {

    /** The contacts with these ids (those that exist), as a batch sends them. */
    List<Candidate> candidates(int[] contactIds);

    /** The active contacts' claims on each of these normalised addresses; an address nobody has is absent. */
    Map<String, List<EmailClaim>> claimsOn(Collection<String> normalisedEmails);
}
