package com.idss.informzsync.application.console;

/** A list as a checkbox on the contact's Distribution Lists tab. */
public record ListChoice(long id, String name, boolean syncToInformz, boolean active) {
}
