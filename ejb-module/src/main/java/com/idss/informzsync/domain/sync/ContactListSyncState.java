package com.idss.informzsync.domain.sync;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.PrePersist;
import jakarta.persistence.PreUpdate;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;
import jakarta.persistence.Version;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Where one contact stands with one list in Informz. Refers to contact and list by id: the sync
 * engine works in ids and must not load a contact to record an outcome about it.
 */
@Entity
@Table(name = "contact_list_sync_state",
        uniqueConstraints = @UniqueConstraint(name = "uk_sync_state_contact_list", columnNames = {"contact_id", "list_id"}))
public class ContactListSyncState {

    @Id
    @SequenceGenerator(name = "contact_list_sync_state_seq", sequenceName = "contact_list_sync_state_seq", allocationSize = 500)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "contact_list_sync_state_seq")
    private Long id;

    @NotNull
    @Column(name = "contact_id", nullable = false)
    private Integer contactId;

    @NotNull
    @Column(name = "list_id", nullable = false)
    private Long listId;

    @NotNull
    @Enumerated(EnumType.STRING)
    @Column(name = "state", length = 20, nullable = false)
    private SyncState state;

    @Size(max = 1000, message = "message must be at most 1000 characters")
    @Column(name = "message", length = 1000)
    private String message;

    /** The {@link InformzCall} that failed, when the state is a failure. */
    @Column(name = "failed_call_id")
    private Long failedCallId;

    @Column(name = "first_attempt_at")
    private OffsetDateTime firstAttemptAt;

    @Column(name = "last_attempt_at")
    private OffsetDateTime lastAttemptAt;

    @Column(name = "synced_at")
    private OffsetDateTime syncedAt;

    @Column(name = "next_attempt_at")
    private OffsetDateTime nextAttemptAt;

    /**
     * The contact's version whose data the last push carried. A contact whose version has moved past
     * it was edited after the data was read, whatever the clocks say: an edit committed while a sync
     * of older data was in flight is seen, where comparing times would take the sync's later booking
     * for the edit's push.
     */
    @Column(name = "pushed_contact_version")
    private Long pushedContactVersion;

    @Column(name = "attempt_count", nullable = false)
    private int attemptCount;

    /** The address Informz has for this contact, so that changing it can opt the old one out. */
    @Size(max = 100)
    @Column(name = "last_synced_email", length = 100)
    private String lastSyncedEmail;

    /** The contact that owns the shared address, when the state is DUPLICATE. */
    @Column(name = "duplicate_of")
    private Integer duplicateOf;

    @Column(name = "created_at", nullable = false)
    private OffsetDateTime createdAt;

    @Column(name = "updated_at", nullable = false)
    private OffsetDateTime updatedAt;

    @Version
    @Column(name = "version", nullable = false)
    private long version;

    protected ContactListSyncState() {
        // for JPA
    }

    public ContactListSyncState(int contactId, long listId) {
        this.contactId = contactId;
        this.listId = listId;
        this.state = SyncState.PENDING;
    }

    @PrePersist
    void stampCreation() {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        if (createdAt == null) {
            createdAt = now;
        }
        updatedAt = now;
    }

    @PreUpdate
    void stampUpdate() {
        updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
    }

    /** Counts an attempt about to be made; a success starts the count again. */
    public void attemptStarted(OffsetDateTime at) {
        if (firstAttemptAt == null) {
            firstAttemptAt = at;
        }
        lastAttemptAt = at;
        attemptCount++;
    }

    public void synced(OffsetDateTime at, String email, long pushedContactVersion) {
        duplicateOf = null;
        state = SyncState.SYNCED;
        syncedAt = at;
        this.pushedContactVersion = pushedContactVersion;
        lastSyncedEmail = email;
        message = null;
        failedCallId = null;
        nextAttemptAt = null;
        attemptCount = 0;
    }

    public void removed(OffsetDateTime at) {
        duplicateOf = null;
        state = SyncState.REMOVED;
        syncedAt = at;
        message = null;
        failedCallId = null;
        nextAttemptAt = null;
        attemptCount = 0;
    }

    public void retryAt(OffsetDateTime nextAttempt, String message, Long failedCallId) {
        duplicateOf = null;
        state = SyncState.RETRYING;
        nextAttemptAt = nextAttempt;
        this.message = truncated(message);
        this.failedCallId = failedCallId;
    }

    /**
     * A push of this address got no answer and may have been applied: from now on it is the address
     * to opt out if the contact leaves the interest before a retry succeeds.
     */
    public void possiblyPushed(String email) {
        lastSyncedEmail = email;
    }

    public void failed(String message, Long failedCallId) {
        duplicateOf = null;
        state = SyncState.ERROR;
        nextAttemptAt = null;
        this.message = truncated(message);
        this.failedCallId = failedCallId;
    }

    /** For states that need no Informz call: PENDING, INVALID_EMAIL, NO_EMAIL. */
    public void markAs(SyncState state, String message) {
        this.state = state;
        this.duplicateOf = null;
        this.message = truncated(message);
        this.nextAttemptAt = null;
    }

    /** Not pushed: another contact with the same address owns it in Informz. */
    public void duplicateOf(int ownerContactId, String message) {
        markAs(SyncState.DUPLICATE, message);
        this.duplicateOf = ownerContactId;
    }

    private static String truncated(String message) {
        return message == null || message.length() <= 1000 ? message : message.substring(0, 999) + "…";
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

    public Integer getDuplicateOf() {
        return duplicateOf;
    }

    public SyncState getState() {
        return state;
    }

    public String getMessage() {
        return message;
    }

    public Long getFailedCallId() {
        return failedCallId;
    }

    public OffsetDateTime getFirstAttemptAt() {
        return firstAttemptAt;
    }

    public OffsetDateTime getLastAttemptAt() {
        return lastAttemptAt;
    }

    public OffsetDateTime getSyncedAt() {
        return syncedAt;
    }

    public OffsetDateTime getNextAttemptAt() {
        return nextAttemptAt;
    }

    public Long getPushedContactVersion() {
        return pushedContactVersion;
    }

    public int getAttemptCount() {
        return attemptCount;
    }

    public String getLastSyncedEmail() {
        return lastSyncedEmail;
    }

    public OffsetDateTime getCreatedAt() {
        return createdAt;
    }

    public OffsetDateTime getUpdatedAt() {
        return updatedAt;
    }

    public long getVersion() {
        return version;
    }
}
