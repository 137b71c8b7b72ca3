package com.idss.informzsync.application.crm;

/**
 * What a person may set on a distribution list. A blank interest name means "the list's name".
 */
public record ListDraft(String name, String description, String informzInterestName, boolean syncToInformz,
        boolean active) {
}
