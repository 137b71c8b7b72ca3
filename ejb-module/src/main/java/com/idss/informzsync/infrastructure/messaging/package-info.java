/**
 * JMS: the observer that enqueues sync messages in the CRM transaction, and the message-driven
 * bean that consumes them.
 */
package com.idss.informzsync.infrastructure.messaging;
