package com.idss.informzsync.application.crm;

import com.idss.informzsync.domain.account.Account;
import com.idss.informzsync.domain.account.PostalAddress;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.validation.Validator;

/** Customer records. Their changes sync too: the organisation is a field of every contact's subscriber. */
@Stateless
public class AccountService {

    @PersistenceContext(unitName = "crm")
    EntityManager em;

    @Inject
    Validator validator;

    public long create(AccountDraft draft) {
        Account account = new Account(draft.name(), draft.type(), addressOf(draft));
        em.persist(InputValidation.requireValid(validator, account));
        return account.getId();
    }

    public void update(long accountId, AccountDraft draft) {
        Account account = find(accountId);
        account.rename(draft.name());
        account.changeType(draft.type());
        account.moveTo(addressOf(draft));
        InputValidation.requireValid(validator, account);
    }

    public void deactivate(long accountId) {
        find(accountId).deactivate();
    }

    public void reactivate(long accountId) {
        find(accountId).activate();
    }

    private static PostalAddress addressOf(AccountDraft draft) {
        return new PostalAddress(draft.street(), draft.city(), draft.state(), draft.postalCode(), draft.country());
    }

    private Account find(long accountId) {
        Account account = em.find(Account.class, accountId);
        if (account == null) {
            throw new NotFoundException("Account", accountId);
        }
        return account;
    }
}
