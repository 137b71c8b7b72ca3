package com.idss.informzsync.application.console;

/** How the console names a person: the CRM allows contacts without any name. */
final class Names {

    private Names() {
    }

    static String display(String firstName, String lastName) {
        String name = ((firstName == null ? "" : firstName) + " " + (lastName == null ? "" : lastName)).strip();
        return name.isEmpty() ? "(no name)" : name;
    }
}
