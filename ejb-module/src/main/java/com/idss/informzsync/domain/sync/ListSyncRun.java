package com.idss.informzsync.domain.sync;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.OffsetDateTime;

/**
 * One reconcile of a list with its Informz interest. Written as it runs, so the console can show
 * progress; its counts explain the list ("records → distinct valid emails → excluded, by reason").
 */
@Entity
@Table(name = "list_sync_run")
public class ListSyncRun {

    public enum Status {
        RUNNING,
        COMPLETED,
        /** Stopped by a transient Informz problem; the reconcile is scheduled again. */
        WAITING,
        /** Stopped by something a person must fix (e.g. the interest does not exist in Informz). */
        FAILED
    }

    public enum Trigger {
        LIST_SAVED, SYNC_NOW, MAILING_SENT, NIGHTLY, RETRY, STARTUP
    }

    @Id
    @SequenceGenerator(name = "list_sync_run_seq", sequenceName = "list_sync_run_seq", allocationSize = 50)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "list_sync_run_seq")
    private Long id;

    @Column(name = "list_id", nullable = false)
    private long listId;

    @Enumerated(EnumType.STRING)
    @Column(name = "run_trigger", length = 30, nullable = false)
    private Trigger trigger;

    @Enumerated(EnumType.STRING)
    @Column(name = "status", length = 20, nullable = false)
    private Status status;

    @Column(name = "started_at", nullable = false)
    private OffsetDateTime startedAt;

    @Column(name = "finished_at")
    private OffsetDateTime finishedAt;

    @Column(name = "member_count", nullable = false)
    private int memberCount;

    @Column(name = "to_add", nullable = false)
    private int toAdd;

    @Column(name = "added", nullable = false)
    private int added;

    @Column(name = "to_remove", nullable = false)
    private int toRemove;

    @Column(name = "removed", nullable = false)
    private int removed;

    @Column(name = "excluded_duplicate", nullable = false)
    private int excludedDuplicate;

    @Column(name = "excluded_invalid", nullable = false)
    private int excludedInvalid;

    @Column(name = "excluded_no_email", nullable = false)
    private int excludedNoEmail;

    @Column(name = "excluded_unsubscribed", nullable = false)
    private int excludedUnsubscribed;

    @Column(name = "failed", nullable = false)
    private int failed;

    @Column(name = "informz_calls", nullable = false)
    private int informzCalls;

    @Column(name = "message", length = 1000)
    private String message;

    @Version
    @Column(name = "version", nullable = false)
    private long version;

    protected ListSyncRun() {
        // for JPA
    }

    public ListSyncRun(long listId, Trigger trigger, OffsetDateTime startedAt) {
        this.listId = listId;
        this.trigger = trigger;
        this.startedAt = startedAt;
        this.status = Status.RUNNING;
    }

    public void planned(int memberCount, int toAdd, int toRemove) {
        this.memberCount = memberCount;
        this.toAdd = toAdd;
        this.toRemove = toRemove;
    }

    public void progressed(int added, int removed, int excludedDuplicate, int excludedInvalid, int excludedNoEmail,
            int excludedUnsubscribed, int failed, int informzCalls) {
        this.added = added;
        this.removed = removed;
        this.excludedDuplicate = excludedDuplicate;
        this.excludedInvalid = excludedInvalid;
        this.excludedNoEmail = excludedNoEmail;
        this.excludedUnsubscribed = excludedUnsubscribed;
        this.failed = failed;
        this.informzCalls = informzCalls;
    }

    public void finished(Status status, OffsetDateTime at, String message) {
        this.status = status;
        this.finishedAt = at;
        this.message = message == null || message.length() <= 1000 ? message : message.substring(0, 1000);
    }

    public Long getId() {
        return id;
    }

    public long getListId() {
        return listId;
    }

    public Trigger getTrigger() {
        return trigger;
    }

    public Status getStatus() {
        return status;
    }

    public OffsetDateTime getStartedAt() {
        return startedAt;
    }

    public OffsetDateTime getFinishedAt() {
        return finishedAt;
    }

    public int getMemberCount() {
        return memberCount;
    }

    public int getToAdd() {
        return toAdd;
    }

    public int getAdded() {
        return added;
    }

    public int getToRemove() {
        return toRemove;
    }

    public int getRemoved() {
        return removed;
    }

    public int getExcludedDuplicate() {
        return excludedDuplicate;
    }

    public int getExcludedInvalid() {
        return excludedInvalid;
    }

    public int getExcludedNoEmail() {
        return excludedNoEmail;
    }

    /** Members left out because Informz holds them as unsubscribed. */
    public int getExcludedUnsubscribed() {
        return excludedUnsubscribed;
    }

    public int getFailed() {
        return failed;
    }

    public int getInformzCalls() {
        return informzCalls;
    }

    public String getMessage() {
        return message;
    }
}
