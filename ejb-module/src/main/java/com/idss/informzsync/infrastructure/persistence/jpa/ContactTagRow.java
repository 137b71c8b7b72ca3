package com.idss.informzsync.infrastructure.persistence.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.Objects;
import org.eclipse.persistence.annotations.ReadOnly;

/**
 * A row of the contacts' tags, for saved queries only: a tag criterion asks "has this contact a row
 * here?" with no second contact in the subquery. Through {@code Contact.tags} instead, EclipseLink
 * joins the subquery's own contact to the outer one by id, and PostgreSQL hashed the whole contact
 * table twice to read a tag's members (docs/performance.md). Never written: the contact owns its tags.
 */
@Entity
@ReadOnly
@Table(name = "contact_tag")
@IdClass(ContactTagRow.Key.class)
public class ContactTagRow {

    @Id
    @Column(name = "contact_id")
    private int contactId;

    @Id
    @Column(name = "tag")
    private String tag;

    protected ContactTagRow() {
    }

    /** The row's primary key, as JPA requires of an entity with two ids; never built by this application. */
    public static class Key implements Serializable {

        private static final long serialVersionUID = 1L;

        private int contactId;
        private String tag;

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && key.contactId == contactId && Objects.equals(key.tag, tag);
        }

        @Override
        public int hashCode() {
            return Objects.hash(contactId, tag);
        }
    }
}
