package com.idss.informzsync.domain.list;

import com.idss.informzsync.domain.contact.Contact;
import com.idss.informzsync.domain.list.query.CriteriaGroup;
import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.JoinTable;
import jakarta.persistence.ManyToMany;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.PrePersist;
import jakarta.persistence.PreUpdate;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A CRM distribution list, synced to one Informz interest. The explicit member collection is lazy
 * and only for editing small hand-picked lists; resolving membership goes through
 * {@link ListMembership}, which never loads contacts.
 */
@Entity
@Table(name = "distribution_list")
public class DistributionList {

    /** Informz's limit on interest names. */
    public static final int MAX_INTEREST_NAME_LENGTH = 255;

    @Id
    @SequenceGenerator(name = "distribution_list_seq", sequenceName = "distribution_list_seq", allocationSize = 50)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "distribution_list_seq")
    private Long id;

    @NotBlank(message = "a list needs a name")
    @Size(max = 255, message = "list name must be at most 255 characters")
    @Column(name = "name", length = 255, nullable = false)
    private String name;

    @Size(max = 2000, message = "description must be at most 2000 characters")
    @Column(name = "description", length = 2000)
    private String description;

    /** The Informz interest the list maps to; unique because two lists cannot share one. */
    @NotBlank(message = "a list needs an Informz interest name")
    @Size(max = MAX_INTEREST_NAME_LENGTH, message = "Informz interest name must be at most 255 characters")
    @Column(name = "informz_interest_name", length = MAX_INTEREST_NAME_LENGTH, nullable = false, unique = true)
    private String informzInterestName;

    @Column(name = "sync_to_informz", nullable = false)
    private boolean syncToInformz = true;

    @Column(name = "active", nullable = false)
    private boolean active = true;

    @ManyToMany
    @JoinTable(name = "distribution_list_member",
            joinColumns = @JoinColumn(name = "list_id"),
            inverseJoinColumns = @JoinColumn(name = "contact_id"))
    private Set<Contact> members = new HashSet<>();

    @Valid
    @OneToMany(mappedBy = "list", cascade = CascadeType.ALL, orphanRemoval = true)
    @OrderBy("id")
    private List<SavedQuery> savedQueries = new ArrayList<>();

    @Column(name = "created_at", nullable = false)
    private OffsetDateTime createdAt;

    @Column(name = "updated_at", nullable = false)
    private OffsetDateTime updatedAt;

    @Version
    @Column(name = "version", nullable = false)
    private long version;

    protected DistributionList() {
        // for JPA
    }

    /** The Informz interest name defaults to the list name. */
    public DistributionList(String name, String description) {
        this.name = name;
        this.description = description;
        this.informzInterestName = name;
    }

    @PrePersist
    void stampCreation() {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        if (createdAt == null) {
            createdAt = now;
        }
        if (informzInterestName == null || informzInterestName.isBlank()) {
            informzInterestName = name;
        }
        updatedAt = now;
    }

    @PreUpdate
    void stampUpdate() {
        updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
    }

    /**
     * Records a change that lives outside this row (its explicit members), so that saving it is an
     * update of this list like any other: stamped, version-checked, and synced.
     */
    public void markChanged() {
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

    public String getDescription() {
        return description;
    }

    public void describe(String description) {
        this.description = description;
    }

    public String getInformzInterestName() {
        return informzInterestName;
    }

    /** {@code null} or blank resets it to the list name. */
    public void mapToInformzInterest(String interestName) {
        this.informzInterestName = interestName == null || interestName.isBlank() ? name : interestName;
    }

    public boolean isSyncToInformz() {
        return syncToInformz;
    }

    public void syncToInformz(boolean sync) {
        this.syncToInformz = sync;
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

    public Set<Contact> getMembers() {
        return Collections.unmodifiableSet(members);
    }

    public void addMember(Contact contact) {
        members.add(contact);
    }

    public void removeMember(Contact contact) {
        members.remove(contact);
    }

    public List<SavedQuery> getSavedQueries() {
        return Collections.unmodifiableList(savedQueries);
    }

    public SavedQuery addSavedQuery(String name, CriteriaGroup criteria) {
        SavedQuery query = new SavedQuery(this, name, criteria);
        savedQueries.add(query);
        return query;
    }

    public void removeSavedQuery(SavedQuery query) {
        savedQueries.remove(query);
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
