package com.idss.informzsync.domain.contact;

import com.idss.informzsync.infrastructure.persistence.SyncTriggeringEntityListener;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EntityListeners;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** A person in the CRM. Its id doubles as the Informz remote ID, so it is an int32. */
@Entity
@Table(name = "contact")
@EntityListeners(SyncTriggeringEntityListener.class)
public class Contact {

    @Id
    @SequenceGenerator(name = "contact_seq", sequenceName = "contact_seq", allocationSize = 50)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "contact_seq")
    private Integer id;

    @Column(name = "email", length = 100)
    private String email;

    @Version
    @Column(name = "version", nullable = false)
    private long version;

    protected Contact() {
        // for JPA
    }

    public Contact(String email) {
        this.email = email;
    }

    public Integer getId() {
        return id;
    }

    public String getEmail() {
        return email;
    }

    public void changeEmail(String email) {
        this.email = email;
    }

    public long getVersion() {
        return version;
    }
}
