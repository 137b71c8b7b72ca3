package com.idss.informzsync.application.console;

/** A customer record (account) as an option of the contact form. */
public record AccountChoice(long id, String name, boolean active) {
}
