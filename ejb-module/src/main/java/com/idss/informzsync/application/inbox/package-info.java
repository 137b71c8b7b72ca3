/**
 * The CRM inbox: commands other enterprise apps send over JMS (docs/jms-contract.md). Parsing and
 * validation are plain Java; applying goes through the same CRM use cases as the console, once per
 * sender message; refusals are recorded for the console and answered, never redelivered.
 */
package com.idss.informzsync.application.inbox;
