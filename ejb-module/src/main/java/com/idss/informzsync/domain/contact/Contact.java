package com.idss.informzsync.domain.contact;

import com.idss.informzsync.domain.account.Account;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.PrePersist;
import jakarta.persistence.PreUpdate;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** A person in the CRM. Its id doubles as the Informz remote ID, so it is an int32. */
@Entity
@Table(name = "contact")
public class Contact {

    public static final int MAX_TAG_LENGTH = 50;

    @Id
    @SequenceGenerator(name = "contact_seq", sequenceName = "contact_seq", allocationSize = 50)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "contact_seq")
    private Integer id;

    @Size(max = 100, message = "first name must be at most 100 characters")
    @Column(name = "first_name", length = 100)
    private String firstName;

    @Size(max = 100, message = "last name must be at most 100 characters")
    @Column(name = "last_name", length = 100)
    private String lastName;

    @Size(max = 100, message = "title must be at most 100 characters")
    @Column(name = "title", length = 100)
    private String title;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "account_id")
    private Account account;

    /** As the user typed it; shown, and sent to Informz. */
    @Size(max = EmailAddresses.MAX_LENGTH, message = "email must be at most 100 characters (the Informz limit)")
    @Column(name = "email", length = 100)
    private String email;

    /** Kept in step with {@link #email}; the form duplicates and sync history are matched on. */
    @Column(name = "email_normalized", length = 100)
    private String emailNormalized;

    @Size(max = 50, message = "phone must be at most 50 characters")
    @Column(name = "phone", length = 50)
    private String phone;

    @Size(max = 100, message = "city must be at most 100 characters")
    @Column(name = "city", length = 100)
    private String city;

    @Size(max = 100, message = "state must be at most 100 characters")
    @Column(name = "state", length = 100)
    private String state;

    @Size(max = 20, message = "postal code must be at most 20 characters")
    @Column(name = "postal_code", length = 20)
    private String postalCode;

    @ElementCollection(fetch = FetchType.LAZY)
    @CollectionTable(name = "contact_tag", joinColumns = @JoinColumn(name = "contact_id"))
    @Column(name = "tag", length = MAX_TAG_LENGTH, nullable = false)
    private Set<@NotBlank(message = "a tag cannot be blank")
            @Size(max = MAX_TAG_LENGTH, message = "a tag must be at most 50 characters")
            @Pattern(regexp = "[^,]*", message = "a tag cannot contain a comma") String> tags = new TreeSet<>();

    @Column(name = "active", nullable = false)
    private boolean active = true;

    /** Assigned by Informz on the first successful push; decides who owns a shared email. */
    @Column(name = "informz_subscriber_id")
    private Long informzSubscriberId;

    @Column(name = "created_at", nullable = false)
    private OffsetDateTime createdAt;

    @Column(name = "updated_at", nullable = false)
    private OffsetDateTime updatedAt;

    @Version
    @Column(name = "version", nullable = false)
    private long version;

    protected Contact() {
        // for JPA
    }

    public Contact(String email) {
        changeEmail(email);
    }

    public Contact(String firstName, String lastName, String email) {
        this(email);
        this.firstName = firstName;
        this.lastName = lastName;
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

    /**
     * Records a change that lives outside this row (its lists on the Distribution Lists tab), so that saving it is an
     * update of this contact like any other: stamped, version-checked, and synced.
     */
    public void markChanged() {
        updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
    }

    public Integer getId() {
        return id;
    }

    public String getEmail() {
        return email;
    }

    public String getEmailNormalized() {
        return emailNormalized;
    }

    public void changeEmail(String email) {
        this.email = email == null || email.isBlank() ? null : email;
        this.emailNormalized = EmailAddresses.normalise(email);
    }

    /** Why this contact cannot be pushed to Informz, judged on the email alone. */
    public Optional<EmailProblem> emailProblem() {
        return EmailAddresses.problemWith(email);
    }

    public String getFirstName() {
        return firstName;
    }

    public String getLastName() {
        return lastName;
    }

    public void rename(String firstName, String lastName) {
        this.firstName = firstName;
        this.lastName = lastName;
    }

    public String getTitle() {
        return title;
    }

    public void changeTitle(String title) {
        this.title = title;
    }

    public Account getAccount() {
        return account;
    }

    public void assignTo(Account account) {
        this.account = account;
    }

    public String getPhone() {
        return phone;
    }

    public void changePhone(String phone) {
        this.phone = phone;
    }

    public String getCity() {
        return city;
    }

    public String getState() {
        return state;
    }

    public String getPostalCode() {
        return postalCode;
    }

    public void changeLocation(String city, String state, String postalCode) {
        this.city = city;
        this.state = state;
        this.postalCode = postalCode;
    }

    public Set<String> getTags() {
        return Collections.unmodifiableSet(tags);
    }

    /** Tags are compared case-insensitively, so they are stored lower-case and trimmed. */
    public void tag(String tag) {
        String cleaned = normaliseTag(tag);
        if (cleaned.isEmpty() || cleaned.contains(",") || cleaned.length() > MAX_TAG_LENGTH) {
            throw new IllegalArgumentException("a tag is 1 to " + MAX_TAG_LENGTH + " characters without commas: '" + tag + "'");
        }
        tags.add(cleaned);
    }

    public void untag(String tag) {
        tags.remove(normaliseTag(tag));
    }

    public static String normaliseTag(String tag) {
        return tag == null ? "" : tag.strip().toLowerCase(Locale.ROOT);
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

    public Long getInformzSubscriberId() {
        return informzSubscriberId;
    }

    public void recordInformzSubscriberId(Long informzSubscriberId) {
        this.informzSubscriberId = informzSubscriberId;
    }

    public OffsetDateTime getCreatedAt() {
        return createdAt;
    }

    /** For records imported from before this system: their age decides duplicate ownership. */
    public void backdateCreation(OffsetDateTime createdAt) {
        this.createdAt = createdAt;
    }

    public OffsetDateTime getUpdatedAt() {
        return updatedAt;
    }

    public long getVersion() {
        return version;
    }

    /** What duplicate ownership needs to know about this contact. */
    public EmailClaim emailClaim() {
        return new EmailClaim(id, informzSubscriberId, createdAt);
    }
}
