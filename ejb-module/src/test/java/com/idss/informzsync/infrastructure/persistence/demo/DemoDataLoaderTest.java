package com.idss.informzsync.infrastructure.persistence.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.idss.informzsync.domain.contact.Contact;
import com.idss.informzsync.domain.contact.EmailProblem;
import com.idss.informzsync.domain.list.DistributionList;
import com.idss.informzsync.infrastructure.persistence.jpa.JpaDuplicateContacts;
import com.idss.informzsync.infrastructure.persistence.jpa.JpaListMembership;
import com.idss.informzsync.testsupport.TestDatabase;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DemoDataLoaderTest {

    @Test
    void loadsABelievableCrmOnceAndTheSameEveryTime() {
        String first;
        try (TestDatabase db = TestDatabase.h2InMemory()) {
            assertTrue(db.<Boolean>inTransaction(em -> new DemoDataLoader(em).loadIfEmpty()));
            assertFalse(db.<Boolean>inTransaction(em -> new DemoDataLoader(em).loadIfEmpty()));
            first = db.inTransaction(em -> {
                List<Contact> contacts = em.createQuery("select c from Contact c order by c.id", Contact.class).getResultList();
                assertTrue(contacts.size() >= 250 && contacts.size() <= 400, "contacts: " + contacts.size());
                assertTrue(contacts.stream().anyMatch(c -> !c.isActive()));
                assertTrue(contacts.stream().anyMatch(c -> "O'Brien & <Sons>".equals(c.getLastName())));
                Map<EmailProblem, Integer> problems = new EnumMap<>(EmailProblem.class);
                contacts.forEach(c -> c.emailProblem().ifPresent(p -> problems.merge(p, 1, Integer::sum)));
                // EMAIL_TOO_LONG cannot be stored (the column is Informz's 100): it is for inputs.
                assertTrue(problems.keySet().containsAll(List.of(EmailProblem.NO_EMAIL, EmailProblem.INVALID_EMAIL)),
                        problems.toString());
                assertFalse(new JpaDuplicateContacts(em).allGroups().isEmpty());

                List<DistributionList> lists = em.createQuery("select l from DistributionList l", DistributionList.class)
                        .getResultList();
                assertTrue(lists.size() >= 6);
                JpaListMembership membership = new JpaListMembership(em);
                for (DistributionList list : lists) {
                    assertTrue(membership.countMembers(list.getId()) > 0, list.getName());
                }
                return contacts.stream().map(c -> c.getId() + c.getEmail() + c.getLastName() + c.getTags())
                        .reduce("", String::concat);
            });
        }
        try (TestDatabase db = TestDatabase.h2InMemory()) {
            db.run(em -> new DemoDataLoader(em).loadIfEmpty());
            String second = db.inTransaction(em -> em.createQuery("select c from Contact c order by c.id", Contact.class)
                    .getResultList().stream().map(c -> c.getId() + c.getEmail() + c.getLastName() + c.getTags())
                    .reduce("", String::concat));
            assertEquals(first, second);
        }
    }
}
