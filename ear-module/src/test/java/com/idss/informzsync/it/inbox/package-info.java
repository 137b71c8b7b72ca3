/**
 * Server-side helper of the inbox tests, deployed beside the product EAR: a probe web module that
 * reports CRM and queue state as JSON and waits, in the server, for a sync to reach Informz.
 */
package com.idss.informzsync.it.inbox;
