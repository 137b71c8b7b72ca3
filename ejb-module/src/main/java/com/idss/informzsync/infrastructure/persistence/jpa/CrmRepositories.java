package com.idss.informzsync.infrastructure.persistence.jpa;

import com.idss.informzsync.domain.contact.DuplicateContacts;
import com.idss.informzsync.domain.list.ListMembership;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/** Makes the JPA implementations of the domain's query interfaces injectable. */
@ApplicationScoped
public class CrmRepositories {

    // A transaction-scoped proxy: safe to share, each call uses the caller's transaction.
    @PersistenceContext(unitName = "crm")
    EntityManager em;

    @Produces
    @ApplicationScoped
    ListMembership listMembership() {
        return new JpaListMembership(em);
    }

    @Produces
    @ApplicationScoped
    DuplicateContacts duplicateContacts() {
        return new JpaDuplicateContacts(em);
    }
}
