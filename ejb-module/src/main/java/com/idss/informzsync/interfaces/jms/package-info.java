/**
 * JMS channel for other enterprise apps: the message-driven bean on the CRM inbox queue, which hands
 * each delivery to the application's inbox and answers on JMSReplyTo (docs/jms-contract.md).
 */
package com.idss.informzsync.interfaces.jms;
