package com.idss.informzsync.application.operations;

import java.time.Instant;

/** The broker's queues as the broker holds them now (not as our tables count them). */
public interface MessageQueues {

    /** The queues the product owns, by the name the broker and WildFly's management give them. */
    enum QueueName {
        SYNC("IdssSyncQueue"),
        SYNC_DEAD_LETTERS("IdssSyncDLQ"),
        INBOX("IdssCrmInbox"),
        INBOX_DEAD_LETTERS("IdssCrmInboxDLQ");

        private final String brokerName;

        QueueName(String brokerName) {
            this.brokerName = brokerName;
        }

        public String brokerName() {
            return brokerName;
        }
    }

    /**
     * @param waiting      messages a consumer could take now; messages being delivered and those
     *                     scheduled for later (retries, coalesced follow-ups) are not among them
     * @param atLeast      whether counting stopped at the cap: there are at least {@code waiting}
     * @param oldestSentAt when the first waiting message was sent; null when none waits
     */
    record QueueView(long waiting, boolean atLeast, Instant oldestSentAt) {
    }

    /** @throws BrokerUnavailable when the broker does not answer */
    QueueView view(QueueName queue);

    class BrokerUnavailable extends RuntimeException {
        public BrokerUnavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
