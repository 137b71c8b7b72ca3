/**
 * A plain-Java example client for the CRM inbox (docs/jms-contract.md), for other teams to copy:
 * depends on {@code org.apache.activemq:artemis-jakarta-client} only, never deployed.
 */
package com.idss.informzsync.jmsclient;
