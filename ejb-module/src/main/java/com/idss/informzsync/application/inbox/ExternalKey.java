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

/** A sender system's own key for one of our contacts, so it can upsert without knowing our id. */
@Entity
@Table(name = "external_key")
@IdClass(ExternalKey.Key.class)
public class ExternalKey {

    @Id
    @Column(name = "sender", length = 50)
    private String sender;

    @Id
    @Column(name = "external_key", length = 100)
    private String key;

    @Column(name = "contact_id", nullable = false)
    private int contactId;

    @Column(name = "created_at", nullable = false)
    private OffsetDateTime createdAt;

    protected ExternalKey() {
        // for JPA
    }

    ExternalKey(String sender, String key, int contactId) {
        this.sender = sender;
        this.key = key;
        this.contactId = contactId;
        this.createdAt = OffsetDateTime.now(ZoneOffset.UTC);
    }

    public String getSender() {
        return sender;
    }

    public String getKey() {
        return key;
    }

    public int getContactId() {
        return contactId;
    }

    /** Composite primary key: (sender, key). */
    public static class Key implements Serializable {

        private static final long serialVersionUID = 1L;

        private String sender;
        private String key;

        public Key() {
            // for JPA
        }

        public Key(String sender, String key) {
            this.sender = sender;
            this.key = key;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key that && Objects.equals(sender, that.sender) && Objects.equals(key, that.key);
        }

        @Override
        public int hashCode() {
            return Objects.hash(sender, key);
        }
    }
}
