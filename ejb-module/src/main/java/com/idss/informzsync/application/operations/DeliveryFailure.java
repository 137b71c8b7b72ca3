package com.idss.informzsync.application.operations;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** Why the last delivery of a queued message failed: what the dead-letter page shows beside it. */
@Entity
@Table(name = "delivery_failure")
public class DeliveryFailure {

    static final int MAX_REASON = 2000;

    @Id
    @Column(name = "message_id", length = 100)
    private String messageId;

    @Column(name = "queue_name", length = 100, nullable = false)
    private String queueName;

    @Column(name = "delivery_count", nullable = false)
    private int deliveryCount;

    @Column(name = "reason", length = MAX_REASON, nullable = false)
    private String reason;

    @Column(name = "failed_at", nullable = false)
    private OffsetDateTime failedAt;

    protected DeliveryFailure() {
        // for JPA
    }

    DeliveryFailure(String messageId, String queueName) {
        this.messageId = messageId;
        this.queueName = queueName;
    }

    void failedAgain(int deliveryCount, String reason, OffsetDateTime at) {
        this.deliveryCount = deliveryCount;
        this.reason = reason.length() <= MAX_REASON ? reason : reason.substring(0, MAX_REASON);
        this.failedAt = at;
    }

    public String getMessageId() {
        return messageId;
    }

    public String getQueueName() {
        return queueName;
    }

    public int getDeliveryCount() {
        return deliveryCount;
    }

    public String getReason() {
        return reason;
    }

    public OffsetDateTime getFailedAt() {
        return failedAt;
    }
}
