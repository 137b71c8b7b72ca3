package com.idss.informzsync.domain.account;

import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
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
import jakarta.persistence.Version;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** A customer record: the organisation contacts work for. Its fields feed saved-query criteria. */
@Entity
@Table(name = "account")
public class Account {

    @Id
    @SequenceGenerator(name = "account_seq", sequenceName = "account_seq", allocationSize = 50)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "account_seq")
    private Long id;

    @NotBlank(message = "an account needs an organisation name")
    @Size(max = 255, message = "organisation name must be at most 255 characters")
    @Column(name = "name", length = 255, nullable = false)
    private String name;

    @NotNull(message = "an account needs a type")
    @Enumerated(EnumType.STRING)
    @Column(name = "account_type", length = 30, nullable = false)
    private AccountType type;

    @Valid
    @Embedded
    private PostalAddress address;

    @Column(name = "active", nullable = false)
    private boolean active = true;

    @Column(name = "created_at", nullable = false)
    private OffsetDateTime createdAt;

    @Column(name = "updated_at", nullable = false)
    private OffsetDateTime updatedAt;

    @Version
    @Column(name = "version", nullable = false)
    private long version;

    protected Account() {
        // for JPA
    }

    public Account(String name, AccountType type, PostalAddress address) {
        this.name = name;
        this.type = type;
        this.address = address;
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

    public Long getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public void rename(String name) {
        this.name = name;
    }

    public AccountType getType() {
        return type;
    }

    public void changeType(AccountType type) {
        this.type = type;
    }

    public PostalAddress getAddress() {
        return address;
    }

    public void moveTo(PostalAddress address) {
        this.address = address;
    }

    public boolean isActive() {
        return active;
    }

    public void deactivate() {
        active = false;
    }

    public void activate() {
        active = true;
    }

    public OffsetDateTime getCreatedAt() {
        return createdAt;
    }

    /** For records imported from before this system. */
    public void backdateCreation(OffsetDateTime createdAt) {
        this.createdAt = createdAt;
    }

    public OffsetDateTime getUpdatedAt() {
        return updatedAt;
    }

    public long getVersion() {
        return version;
    }
}
