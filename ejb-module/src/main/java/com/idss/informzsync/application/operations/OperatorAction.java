package com.idss.informzsync.application.operations;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** One thing an operator did to a dead-lettered message: the audit of who did what. */
@Entity
@Table(name = "operator_action")
public class OperatorAction {

    public enum Kind {
        REQUEUED, DELETED
    }

    @Id
    @SequenceGenerator(name = "operator_action_seq", sequenceName = "operator_action_seq", allocationSize = 50)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "operator_action_seq")
    private Long id;

    @Column(name = "acted_at", nullable = false)
    private OffsetDateTime actedAt;

    @Column(name = "actor", length = 200, nullable = false)
    private String actor;

    @Column(name = "action", length = 40, nullable = false)
    private String action;

    @Column(name = "queue_name", length = 100, nullable = false)
    private String queueName;

    @Column(name = "message_id", length = 100, nullable = false)
    private String messageId;

    @Column(name = "detail", length = 1000)
    private String detail;

    protected OperatorAction() {
        // for JPA
    }

    OperatorAction(OffsetDateTime actedAt, String actor, Kind action, String queueName, String messageId, String detail) {
        this.actedAt = actedAt;
        this.actor = actor;
        this.action = action.name();
        this.queueName = queueName;
        this.messageId = messageId;
        this.detail = detail == null || detail.length() <= 1000 ? detail : detail.substring(0, 1000);
    }

    public Long getId() {
        return id;
    }

    public OffsetDateTime getActedAt() {
        return actedAt;
    }

    public String getActor() {
        return actor;
    }

    public String getAction() {
        return action;
    }

    public String getQueueName() {
        return queueName;
    }

    public String getMessageId() {
        return messageId;
    }

    public String getDetail() {
        return detail;
    }
}
