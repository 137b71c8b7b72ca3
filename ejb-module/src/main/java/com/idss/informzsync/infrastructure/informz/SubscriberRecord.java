package com.idss.informzsync.infrastructure.informz;

import java.util.Map;

/**
 * A subscriber as the CRM knows it. {@code remoteId} is the CRM contact id as text, because CRM keys are not
 * always Informz-sized: it is checked to be an int32 before sending. {@code fields} maps Informz
 * personal-information names (First_Name, Last_Name, Title, Organization, Phone, City, State, Postal_Code, …)
 * to values.
 */
public record SubscriberRecord(String email, String remoteId, Map<String, String> fields) {

    public SubscriberRecord {
        fields = fields == null ? Map.of() : Map.copyOf(fields);
    }

    public static SubscriberRecord of(String email, String remoteId) {
        return new SubscriberRecord(email, remoteId, Map.of());
    }
}
