package com.idss.informzsync.infrastructure.persistence.jpa;

import com.idss.informzsync.domain.contact.DuplicateContacts;
import com.idss.informzsync.domain.contact.DuplicateGroup;
import com.idss.informzsync.domain.contact.EmailAddresses;
import com.idss.informzsync.domain.contact.EmailClaim;
import jakarta.persistence.EntityManager;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Duplicate groups found with one grouped query on the indexed normalised email. */
public class JpaDuplicateContacts implements DuplicateContacts {

    private static final String CLAIMS = "select c.emailNormalized, c.id, c.informzSubscriberId, c.createdAt from Contact c "
            + "where c.active = true and ";

    private final EntityManager em;

    public JpaDuplicateContacts(EntityManager em) {
        this.em = em;
    }

    @Override
    public List<DuplicateGroup> allGroups() {
        List<Object[]> rows = em.createQuery(CLAIMS + "c.emailNormalized in ("
                        + "select d.emailNormalized from Contact d where d.active = true and d.emailNormalized is not null "
                        + "group by d.emailNormalized having count(d) > 1) "
                        + "order by c.emailNormalized, c.id", Object[].class)
                .getResultList();
        List<DuplicateGroup> groups = new ArrayList<>();
        List<EmailClaim> claims = new ArrayList<>();
        String email = null;
        for (Object[] row : rows) {
            if (email != null && !email.equals(row[0])) {
                groups.add(new DuplicateGroup(email, claims));
                claims = new ArrayList<>();
            }
            email = (String) row[0];
            claims.add(claimOf(row));
        }
        if (email != null) {
            groups.add(new DuplicateGroup(email, claims));
        }
        return groups;
    }

    @Override
    public Optional<DuplicateGroup> groupFor(String email) {
        String normalised = EmailAddresses.normalise(email);
        if (normalised == null) {
            return Optional.empty();
        }
        List<EmailClaim> claims = em.createQuery(CLAIMS + "c.emailNormalized = :email order by c.id", Object[].class)
                .setParameter("email", normalised)
                .getResultList()
                .stream()
                .map(JpaDuplicateContacts::claimOf)
                .toList();
        return claims.size() < 2 ? Optional.empty() : Optional.of(new DuplicateGroup(normalised, claims));
    }

    @Override
    public Map<String, List<EmailClaim>> claimsOn(Collection<String> normalisedEmails) {
        Map<String, List<EmailClaim>> claimsByEmail = new HashMap<>();
        if (normalisedEmails.isEmpty()) {
            return claimsByEmail; // PostgreSQL refuses an empty IN ()
        }
        for (Object[] row : em.createQuery(CLAIMS + "c.emailNormalized in :emails", Object[].class)
                .setParameter("emails", normalisedEmails).getResultList()) {
            claimsByEmail.computeIfAbsent((String) row[0], e -> new ArrayList<>()).add(claimOf(row));
        }
        return claimsByEmail;
    }

    private static EmailClaim claimOf(Object[] row) {
        return new EmailClaim((Integer) row[1], (Long) row[2], (OffsetDateTime) row[3]);
    }
}
