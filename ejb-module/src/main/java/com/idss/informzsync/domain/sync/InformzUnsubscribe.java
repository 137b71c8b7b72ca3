package com.idss.informzsync.domain.sync;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/**
 * Informz holds a contact as unsubscribed: from all mail (no list), or from one list's interest by an
 * opt-out the sync did not make. Read from Informz, never written there: while it stands, the sync
 * never pushes the contact where it applies, so it never resubscribes the person.
 */
@Entity
@Table(name = "informz_unsubscribe")
public class InformzUnsubscribe {

    @Id
    @SequenceGenerator(name = "informz_unsubscribe_seq", sequenceName = "informz_unsubscribe_seq", allocationSize = 50)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "informz_unsubscribe_seq")
    private Long id;

    @Column(name = "contact_id", nullable = false)
    private Integer contactId;

    /** Null: unsubscribed from all mail (brand-wide). */
    @Column(name = "list_id")
    private Long listId;

    @Column(name = "email", length = 320, nullable = false)
    private String email;

    @Column(name = "unsubscribed_at")
    private OffsetDateTime unsubscribedAt;

    @Column(name = "reason", length = 1000)
    private String reason;

    @Column(name = "recorded_at", nullable = false)
    private OffsetDateTime recordedAt;

    protected InformzUnsubscribe() {
        // for JPA
    }

    public InformzUnsubscribe(int contactId, Long listId, String email, OffsetDateTime unsubscribedAt, String reason,
            OffsetDateTime recordedAt) {
        this.contactId = contactId;
        this.listId = listId;
        this.email = email;
        this.unsubscribedAt = unsubscribedAt;
        this.reason = reason == null || reason.length() <= 1000 ? reason : reason.substring(0, 1000);
        this.recordedAt = recordedAt;
    }

    public boolean isBrandWide() {
        return listId == null;
    }

    /** Why the contact is not pushed, in the words the contact page shows. */
    public String explanation() {
        String when = unsubscribedAt == null ? "" : " on " + unsubscribedAt.toLocalDate();
        String scope = isBrandWide() ? "from all mail" : "from this list's interest";
        String why = reason == null || reason.isBlank() ? "" : " (" + reason.strip() + ")";
        return "Unsubscribed in Informz " + scope + when + why + " as " + email
                + ". The sync never resubscribes; only the person can, in Informz.";
    }

    public Long getId() {
        return id;
    }

    public Integer getContactId() {
        return contactId;
    }

    public Long getListId() {
        return listId;
    }

    public String getEmail() {
        return email;
    }

    public OffsetDateTime getUnsubscribedAt() {
        return unsubscribedAt;
    }

    public String getReason() {
        return reason;
    }

    public OffsetDateTime getRecordedAt() {
        return recordedAt;
    }
}
