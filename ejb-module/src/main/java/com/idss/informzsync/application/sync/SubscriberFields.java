package com.idss.informzsync.application.sync;

import com.idss.informzsync.domain.contact.Contact;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The contact fields Informz gets as personal information (FieldDefinitions). Blank values are sent
 * as empty text, so that clearing a field in the CRM clears it in Informz too.
 */
public final class SubscriberFields {

    private SubscriberFields() {
    }

    public static InformzPort.Subscriber of(Contact contact) {
        return new InformzPort.Subscriber(contact.getId(), contact.getEmail().strip(), fieldsOf(
                contact.getFirstName(), contact.getLastName(), contact.getTitle(),
                contact.getAccount() == null ? null : contact.getAccount().getName(),
                contact.getPhone(), contact.getCity(), contact.getState(), contact.getPostalCode()));
    }

    public static Map<String, String> fieldsOf(String firstName, String lastName, String title, String organization,
            String phone, String city, String state, String postalCode) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("First_Name", text(firstName));
        fields.put("Last_Name", text(lastName));
        fields.put("Title", text(title));
        fields.put("Organization", text(organization));
        fields.put("Phone", text(phone));
        fields.put("City", text(city));
        fields.put("State", text(state));
        fields.put("Postal_Code", text(postalCode));
        return fields;
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }
}
