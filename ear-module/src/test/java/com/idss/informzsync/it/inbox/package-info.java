/**
 * Server-side helpers of the inbox tests, deployed beside the product EAR: a probe web module that
 * reports CRM and queue state as JSON, and a recording stand-in for SyncCommands that steps aside
 * once the engine's implementation is deployed.
 */
package com.idss.informzsync.it.inbox;
