package com.idss.informzsync.infrastructure.persistence.jpa;

import com.idss.informzsync.domain.account.Account;
import com.idss.informzsync.domain.account.AccountType;
import com.idss.informzsync.domain.account.PostalAddress;
import com.idss.informzsync.domain.contact.Contact;
import jakarta.persistence.EntityManager;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;

/** A small CRM whose every contact exists to make one query semantic observable. Ids by nickname. */
final class CrmFixture {

    final Map<String, Integer> contactIds = new HashMap<>();

    void load(EntityManager em) {
        Account harbor = account(em, "Grand Harbor Hotel", AccountType.HOTEL, "Miami", "FL", "33131");
        Account bayfront = account(em, "Bayfront Convention Center", AccountType.VENUE, "Tampa", "FL", "33602");
        Account summit = account(em, "Summit Planners", AccountType.MEETING_PLANNER, "Denver", "CO", "80202");
        Account coastal = account(em, "O'Brien & <Sons> Media", AccountType.MEDIA, "Charleston", "SC", "29401");

        contact(em, "ann", "Ann", "O'Brien", "Director of Sales", harbor, "Ann@GrandHarbor.com", "Miami", "FL", "33131",
                "2023-01-10", "vip", "golf");
        contact(em, "bob", "Bob", "Smith", "Sales Manager", harbor, "bob@grandharbor.com", "Miami", "FL", "33131",
                "2023-06-01", "golf");
        contact(em, "carla", "Carla", "Núñez", "Event Coordinator", bayfront, "carla@bayfront.org", "Tampa", "FL", "33602",
                "2024-02-29");
        contact(em, "dan", "Dan", "Brown", "Senior Planner", summit, "dan@summit.io", "Denver", "CO", "80202",
                "2024-07-15", "vip");
        contact(em, "eve", "Eve", "Adams", "Editor", coastal, "eve@obriensons.com", "Charleston", "SC", "29401",
                "2025-01-01", "press", "100%club");
        contact(em, "frank", "Frank", "Miller", "Golf Pro", null, "frank@example.com", "Orlando", "FL", "32801",
                "2024-12-31", "golf_pro");
        Contact gina = contact(em, "gina", "Gina", "Lee", "Sales Manager", harbor, "gina@grandharbor.com", "Miami", "FL",
                "33131", "2022-05-05", "golf", "vip");
        gina.deactivate();
        // Same mailbox as Ann, typed differently and entered later: Ann owns it.
        contact(em, "annie", "Annie", "Byrne", "Assistant", harbor, "  ann@grandharbor.COM ", "Miami", "FL", "33131",
                "2023-03-03");
        // Hal is older, but Ivy already has an Informz subscriber ID: Ivy owns the email.
        contact(em, "hal", "Hal", "Young", "Buyer", summit, "events@summit.io", "Denver", "CO", "80202", "2021-01-01");
        contact(em, "ivy", "Ivy", "Young", "Buyer", summit, "Events@Summit.io", "Denver", "CO", "80202", "2024-01-01")
                .recordInformzSubscriberId(555L);
        // Shares Eve's email but is inactive: not a duplicate.
        contact(em, "old-eve", "Eve", "Adams", "Editor", coastal, "eve@obriensons.com", null, null, null, "2020-01-01")
                .deactivate();
        em.flush();
    }

    int id(String nickname) {
        return contactIds.get(nickname);
    }

    private static Account account(EntityManager em, String name, AccountType type, String city, String state, String postalCode) {
        Account account = new Account(name, type, new PostalAddress("1 Main St", city, state, postalCode, "US"));
        em.persist(account);
        return account;
    }

    private Contact contact(EntityManager em, String nickname, String first, String last, String title, Account account,
            String email, String city, String state, String postalCode, String created, String... tags) {
        Contact contact = new Contact(first, last, email);
        contact.changeTitle(title);
        contact.assignTo(account);
        contact.changeLocation(city, state, postalCode);
        contact.backdateCreation(OffsetDateTime.of(LocalDate.parse(created).atTime(12, 0), ZoneOffset.UTC));
        for (String tag : tags) {
            contact.tag(tag);
        }
        em.persist(contact);
        em.flush();
        contactIds.put(nickname, contact.getId());
        return contact;
    }
}
