package com.idss.informzsync.application.inbox;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** A message the inbox refused for good, kept for the console with its reasons and (cut) payload. */
@Entity
@Table(name = "invalid_message")
public class InvalidMessage {

    static final int MAX_PAYLOAD_CHARS = 8000;
    static final int MAX_REASONS_CHARS = 4000;

    @Id
    @SequenceGenerator(name = "invalid_message_seq", sequenceName = "invalid_message_seq", allocationSize = 50)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "invalid_message_seq")
    private Long id;

    @Column(name = "received_at", nullable = false)
    private OffsetDateTime receivedAt;

    @Enumerated(EnumType.STRING)
    @Column(name = "code", length = 30, nullable = false)
    private RejectionCode code;

    /** One reason per line. */
    @Column(name = "reasons", length = MAX_REASONS_CHARS, nullable = false)
    private String reasons;

    @Column(name = "sender", length = 50)
    private String sender;

    @Column(name = "message_id", length = 100)
    private String messageId;

    @Column(name = "message_type", length = 50)
    private String messageType;

    @Column(name = "correlation_id", length = 100)
    private String correlationId;

    @Column(name = "jms_message_id", length = 100)
    private String jmsMessageId;

    @Column(name = "jms_correlation_id", length = 100)
    private String jmsCorrelationId;

    @Column(name = "delivery_count", nullable = false)
    private int deliveryCount;

    @Column(name = "payload", length = MAX_PAYLOAD_CHARS)
    private String payload;

    @Column(name = "payload_chars", nullable = false)
    private int payloadChars;

    protected InvalidMessage() {
        // for JPA
    }

    InvalidMessage(Rejection rejection, InboxDelivery delivery) {
        this.receivedAt = OffsetDateTime.now(ZoneOffset.UTC);
        this.code = rejection.code();
        this.reasons = cut(String.join("\n", rejection.reasons()), MAX_REASONS_CHARS);
        this.sender = cut(rejection.sender(), 50);
        this.messageId = cut(rejection.messageId(), 100);
        this.messageType = cut(rejection.messageType(), 50);
        this.correlationId = cut(rejection.correlationId(), 100);
        this.jmsMessageId = cut(delivery.jmsMessageId(), 100);
        this.jmsCorrelationId = cut(delivery.jmsCorrelationId(), 100);
        this.deliveryCount = delivery.deliveryCount();
        this.payload = cut(delivery.text(), MAX_PAYLOAD_CHARS);
        this.payloadChars = delivery.text() == null ? 0 : delivery.text().length();
    }

    private static String cut(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }

    public Long getId() {
        return id;
    }

    public OffsetDateTime getReceivedAt() {
        return receivedAt;
    }

    public RejectionCode getCode() {
        return code;
    }

    public String getReasons() {
        return reasons;
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

    public String getCorrelationId() {
        return correlationId;
    }

    public String getJmsMessageId() {
        return jmsMessageId;
    }

    public String getJmsCorrelationId() {
        return jmsCorrelationId;
    }

    public int getDeliveryCount() {
        return deliveryCount;
    }

    public String getPayload() {
        return payload;
    }

    public int getPayloadChars() {
        return payloadChars;
    }
}
