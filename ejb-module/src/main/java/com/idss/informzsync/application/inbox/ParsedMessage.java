package com.idss.informzsync.application.inbox;

/** What the parser made of a payload: a command to apply, or a rejection. */
public sealed interface ParsedMessage {

    record Valid(InboxCommand command) implements ParsedMessage {
    }

    record Invalid(Rejection rejection) implements ParsedMessage {
    }
}
