package com.idss.informzsync.application.inbox;

import com.idss.informzsync.application.crm.InvalidInputException;
import com.idss.informzsync.application.crm.NotFoundException;
import jakarta.ejb.EJBException;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Receives one delivery in the caller's transaction (the MDB's, which acknowledges the message):
 * a refusal is recorded in that transaction, so it is stored exactly when the message is consumed
 * and the message never comes back. Only what is not the sender's fault escapes as an exception
 * (rollback, bounded redelivery, then the dead-letter queue).
 */
@Stateless
public class CrmInbox {

    private static final Logger LOG = Logger.getLogger(CrmInbox.class.getName());

    private final InboxMessageParser parser = new InboxMessageParser();

    @PersistenceContext(unitName = "crm")
    EntityManager em;

    @Inject
    InboxApplier applier;

    public InboxOutcome receive(InboxDelivery delivery) {
        ParsedMessage parsed = delivery.text() == null && delivery.nonTextKind() != null
                ? new ParsedMessage.Invalid(Rejection.of(RejectionCode.NOT_TEXT,
                        "messages are JMS TextMessages holding JSON, got a " + delivery.nonTextKind()))
                : parser.parse(delivery.text());
        if (parsed instanceof ParsedMessage.Invalid invalid) {
            return reject(invalid.rejection(), delivery);
        }
        InboxCommand command = ((ParsedMessage.Valid) parsed).command();
        Envelope envelope = command.envelope();
        try {
            return applier.apply(command);
        } catch (InvalidInputException e) {
            return reject(Rejection.of(RejectionCode.INVALID_INPUT, e.reasons(), envelope), delivery);
        } catch (NotFoundException e) {
            return reject(Rejection.of(RejectionCode.UNKNOWN_REFERENCE, List.of(e.getMessage()), envelope), delivery);
        } catch (EJBException e) {
            // Two copies of one message applied at once: the loser's insert of the processed row fails.
            ProcessedMessage winner = em.find(ProcessedMessage.class,
                    new ProcessedMessage.Key(envelope.sender(), envelope.messageId()));
            if (winner != null) {
                return InboxOutcome.duplicate(envelope, winner);
            }
            throw e;
        }
    }

    private InboxOutcome reject(Rejection rejection, InboxDelivery delivery) {
        LOG.log(Level.INFO, () -> "Inbox message rejected (" + rejection.code() + ", sender " + rejection.sender()
                + ", messageId " + rejection.messageId() + "): " + String.join("; ", rejection.reasons()));
        em.persist(new InvalidMessage(rejection, delivery));
        return InboxOutcome.rejected(rejection);
    }
}
