package com.idss.informzsync.application.crm;

import com.idss.informzsync.domain.account.AccountType;

/** What a person may set on a customer record (account). */
public record AccountDraft(String name, AccountType type, String street, String city, String state,
        String postalCode, String country) {
}
