package com.idss.informzsync.application.inbox;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * A sender message that was applied. Written in the same transaction as the change, so "applied"
 * and "remembered as applied" cannot disagree; a resent messageId finds it and changes nothing.
 */
@Entity
@Table(name = "processed_message")
@IdClass(ProcessedMessage.Key.class)
public class ProcessedMessage {

    @Id
    @Column(name = "sender", length = 50)
    private String sender;

    @Id
    @Column(name = "message_id", length = 100)
    private String messageId;

    @Column(name = "message_type", length = 50, nullable = false)
    private String messageType;

    @Column(name = "processed_at", nullable = false)
    private OffsetDateTime processedAt;

    @Column(name = "contact_id")
    private Integer contactId;

    @Column(name = "list_id")
    private Long listId;

    protected ProcessedMessage() {
        // for JPA
    }

    ProcessedMessage(Envelope envelope, Integer contactId, Long listId) {
        this.sender = envelope.sender();
        this.messageId = envelope.messageId();
        this.messageType = envelope.type().wireName();
        this.processedAt = OffsetDateTime.now(ZoneOffset.UTC);
        this.contactId = contactId;
        this.listId = listId;
    }

    public String getSender() {
        return sender;
    }

    public String getMessageId() {
        return messageId;
    }

    public String getMessageType() {
        return messageType;
    }

    public OffsetDateTime getProcessedAt() {
        return processedAt;
    }

    public Integer getContactId() {
        return contactId;
    }

    public Long getListId() {
        return listId;
    }

    /** Composite primary key: (sender, messageId). */
    public static class Key implements Serializable {

        private static final long serialVersionUID = 1L;

        private String sender;
        private String messageId;

        public Key() {
            // for JPA
        }

        public Key(String sender, String messageId) {
            this.sender = sender;
            this.messageId = messageId;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key that && Objects.equals(sender, that.sender)
                    && Objects.equals(messageId, that.messageId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(sender, messageId);
        }
    }
}
