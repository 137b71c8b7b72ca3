package com.idss.informzsync.application.console;

import static com.idss.informzsync.application.console.ConsoleReads.bounded;

import com.idss.informzsync.domain.contact.DuplicateContacts;
import com.idss.informzsync.domain.contact.DuplicateGroup;
import com.idss.informzsync.domain.contact.EmailClaim;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Contacts sharing an email: the duplicates page's groups, and the Duplicate mark of a page of contacts. */
@Stateless
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class DuplicateQueries {

    @PersistenceContext(unitName = "crm")
    EntityManager em;

    @Inject
    DuplicateContacts duplicates;

    /** Duplicate groups, a page at a time (groups are ordered by email). */
    public Page<DuplicateGroupView> duplicateGroups(int first, int size) {
        List<DuplicateGroup> all = duplicates.allGroups();
        List<DuplicateGroup> page = all.subList(Math.min(first, all.size()), Math.min(first + bounded(size), all.size()));
        return new Page<>(views(page), all.size(), first, bounded(size));
    }

    public Optional<DuplicateGroupView> duplicateGroup(String email) {
        return duplicates.groupFor(email).map(g -> views(List.of(g)).get(0));
    }

    private List<DuplicateGroupView> views(List<DuplicateGroup> groups) {
        List<Integer> ids = groups.stream().flatMap(g -> g.claims().stream()).map(EmailClaim::contactId).toList();
        Map<Integer, Object[]> contacts = new HashMap<>();
        if (!ids.isEmpty()) {
            for (Object[] r : em.createQuery("select c.id, c.firstName, c.lastName, c.email, a.name, c.createdAt, "
                    + "c.informzSubscriberId from Contact c left join c.account a where c.id in :ids", Object[].class)
                    .setParameter("ids", ids).getResultList()) {
                contacts.put((Integer) r[0], r);
            }
        }
        List<DuplicateGroupView> views = new ArrayList<>();
        for (DuplicateGroup group : groups) {
            int owner = group.owner().contactId();
            List<DuplicateGroupView.Member> members = group.claims().stream().map(claim -> {
                Object[] c = contacts.get(claim.contactId());
                return new DuplicateGroupView.Member(claim.contactId(), (String) c[1], (String) c[2], (String) c[3],
                        (String) c[4], (OffsetDateTime) c[5], (Long) c[6], claim.contactId() == owner);
            }).toList();
            views.add(new DuplicateGroupView(group.emailNormalized(), owner, members));
        }
        return views;
    }

    /** Which of these contacts another active contact owns the email of (the Duplicate rule, on this page only). */
    public Set<Integer> duplicatesAmong(List<Integer> ids) {
        if (ids.isEmpty()) {
            return Set.of();
        }
        List<Object[]> claims = em.createQuery("select c.emailNormalized, c.id, c.informzSubscriberId, c.createdAt "
                + "from Contact c where c.active = true and c.emailNormalized in (select d.emailNormalized from Contact d "
                + "where d.id in :ids and d.emailNormalized is not null)", Object[].class)
                .setParameter("ids", ids).getResultList();
        Map<String, List<EmailClaim>> byEmail = new LinkedHashMap<>();
        for (Object[] r : claims) {
            byEmail.computeIfAbsent((String) r[0], e -> new ArrayList<>())
                    .add(new EmailClaim((Integer) r[1], (Long) r[2], (OffsetDateTime) r[3]));
        }
        Set<Integer> duplicates = new HashSet<>();
        byEmail.forEach((email, group) -> {
            if (group.size() > 1) {
                duplicates.addAll(new DuplicateGroup(email, group).duplicateContactIds());
            }
        });
        duplicates.retainAll(ids);
        return duplicates;
    }
}
