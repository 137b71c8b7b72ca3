package com.idss.informzsync.application.inbox;

/** A contact named by our id or by the sender's own key; exactly one of the two is set. */
public record ContactRef(Integer contactId, String externalKey) {

    public static ContactRef byId(int contactId) {
        return new ContactRef(contactId, null);
    }

    public static ContactRef byExternalKey(String externalKey) {
        return new ContactRef(null, externalKey);
    }

    public boolean isById() {
        return contactId != null;
    }

    @Override
    public String toString() {
        return isById() ? "contact " + contactId : "contact with external key '" + externalKey + "'";
    }
}
