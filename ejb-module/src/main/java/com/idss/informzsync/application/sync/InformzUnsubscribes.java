package com.idss.informzsync.application.sync;

import com.idss.informzsync.domain.sync.InformzUnsubscribe;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Who Informz holds as unsubscribed, as far as the sync must know: the brand's unsubscribers as
 * Informz lists them (read at most once per {@link #MAX_AGE}: a nightly check of every list reads the
 * brand's list once), and the record of each contact found so ({@link InformzUnsubscribe}), which
 * every push consults so that it never resubscribes anyone.
 */
@ApplicationScoped
public class InformzUnsubscribes {

    static final Duration MAX_AGE = Duration.ofMillis(Long.getLong("idss.informz.unsubscribers.max-age-ms", 600_000));
    private static final int EMAILS_PER_QUERY = 1_000;

    private record Cached(Map<Integer, InformzPort.Unsubscriber> byContact, Instant at) {
    }

    @PersistenceContext(unitName = "crm")
    EntityManager em;

    @Inject
    InformzPort informz;

    private final Clock clock = Clock.systemUTC();
    private volatile Cached brandWide;

    /**
     * The brand's unsubscribers by the contact each one is: by the remote ID Informz holds, or, for a
     * record without one (added in Informz by hand, adopted by a push), by its address.
     *
     * @throws InformzFailure when Informz cannot be read (nothing is cached then)
     */
    public Map<Integer, InformzPort.Unsubscriber> brandWideByContact() {
        Cached cached = brandWide;
        if (cached == null || Duration.between(cached.at(), clock.instant()).compareTo(MAX_AGE) >= 0) {
            cached = new Cached(byContact(informz.unsubscribers()), clock.instant());
            brandWide = cached;
        }
        return cached.byContact();
    }

    private Map<Integer, InformzPort.Unsubscriber> byContact(List<InformzPort.Unsubscriber> unsubscribers) {
        Map<Integer, InformzPort.Unsubscriber> byContact = new HashMap<>();
        Map<String, InformzPort.Unsubscriber> withoutRemoteId = new HashMap<>();
        for (InformzPort.Unsubscriber unsubscriber : unsubscribers) {
            if (unsubscriber.contactId() != null) {
                byContact.put(unsubscriber.contactId(), unsubscriber);
            } else if (unsubscriber.email() != null) {
                withoutRemoteId.put(unsubscriber.email().strip().toLowerCase(Locale.ROOT), unsubscriber);
            }
        }
        List<String> emails = new ArrayList<>(withoutRemoteId.keySet());
        for (int from = 0; from < emails.size(); from += EMAILS_PER_QUERY) {
            em.createQuery("select c.id, c.emailNormalized from Contact c where c.emailNormalized in :emails", Object[].class)
                    .setParameter("emails", emails.subList(from, Math.min(emails.size(), from + EMAILS_PER_QUERY)))
                    .getResultList()
                    .forEach(row -> byContact.putIfAbsent((Integer) row[0], withoutRemoteId.get((String) row[1])));
        }
        return byContact;
    }

    /** The records that keep these contacts off the list's interest (brand-wide ones first), by contact. */
    public Map<Integer, InformzUnsubscribe> blocking(long listId, Collection<Integer> contactIds) {
        Map<Integer, InformzUnsubscribe> blocking = new HashMap<>();
        if (contactIds.isEmpty()) {
            return blocking;
        }
        em.createQuery("select u from InformzUnsubscribe u where u.contactId in :ids "
                        + "and (u.listId is null or u.listId = :listId) order by u.id", InformzUnsubscribe.class)
                .setParameter("ids", contactIds)
                .setParameter("listId", listId)
                .getResultList()
                .forEach(u -> blocking.merge(u.getContactId(), u, (first, second) -> first.isBrandWide() ? first : second));
        return blocking;
    }

    /** Every record of the contact's: brand-wide and per list. */
    public List<InformzUnsubscribe> of(int contactId) {
        return em.createQuery("select u from InformzUnsubscribe u where u.contactId = :id order by u.id", InformzUnsubscribe.class)
                .setParameter("id", contactId)
                .getResultList();
    }

    /** The contacts with a record on this list, and those with a brand-wide one. */
    public UnsubscribeCheck.Recorded recorded(long listId) {
        Set<Integer> onList = new HashSet<>();
        Set<Integer> brandWide = new HashSet<>();
        em.createQuery("select u.contactId, u.listId from InformzUnsubscribe u where u.listId is null or u.listId = :listId",
                        Object[].class)
                .setParameter("listId", listId)
                .getResultList()
                .forEach(row -> (row[1] == null ? brandWide : onList).add((Integer) row[0]));
        return new UnsubscribeCheck.Recorded(onList, brandWide);
    }

    /**
     * Records what the check found, in the caller's transaction, which holds the contacts: a record
     * made meanwhile by another list's check (a brand-wide one) is not made twice.
     */
    public void record(Collection<UnsubscribeCheck.Found> found, long listId) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        for (UnsubscribeCheck.Found f : found) {
            Long scope = f.brandWide() ? null : listId;
            if (recordsOf(f.contactId(), scope).isEmpty()) {
                OffsetDateTime at = f.at() == null ? null : f.at().atOffset(ZoneOffset.UTC);
                em.persist(new InformzUnsubscribe(f.contactId(), scope, f.email(), at, f.reason(), now));
            }
        }
    }

    /** Forgets the records Informz no longer bears out: the person resubscribed there. */
    public void clear(Collection<UnsubscribeCheck.Resubscribed> resubscribed, long listId) {
        for (UnsubscribeCheck.Resubscribed r : resubscribed) {
            recordsOf(r.contactId(), r.brandWide() ? null : listId).forEach(em::remove);
        }
    }

    /** The contact's records of one scope: brand-wide when {@code listId} is null. */
    private List<InformzUnsubscribe> recordsOf(int contactId, Long listId) {
        return of(contactId).stream().filter(u -> Objects.equals(u.getListId(), listId)).toList();
    }
}
