package com.idss.informzsync.application.inbox;

import com.idss.informzsync.application.crm.ContactDraft;
import java.time.OffsetDateTime;

/** A valid inbox message, one record per message type. */
public sealed interface InboxCommand {

    Envelope envelope();

    /** Creates or replaces a contact: fields left out are emptied, as when saving the console's form. */
    record UpsertContact(Envelope envelope, ContactRef contact, ContactDraft draft) implements InboxCommand {
    }

    record SetContactActive(Envelope envelope, ContactRef contact, boolean active) implements InboxCommand {
    }

    record ResyncContact(Envelope envelope, ContactRef contact) implements InboxCommand {
    }

    record ChangeListMembership(Envelope envelope, long listId, ContactRef contact, boolean add)
            implements InboxCommand {
    }

    record SyncListNow(Envelope envelope, long listId) implements InboxCommand {
    }

    /** {@code mailingName} and {@code scheduledAt} are informational (logged, echoed), may be null. */
    record MailingSent(Envelope envelope, long listId, String mailingName, OffsetDateTime scheduledAt)
            implements InboxCommand {
    }
}
