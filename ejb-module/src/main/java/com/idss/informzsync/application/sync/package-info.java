/**
 * Sync requests: the "aggregate X changed" event raised inside a CRM transaction, the small
 * versioned JSON message it becomes on the sync queue, and the handler that consumes it.
 */
package com.idss.informzsync.application.sync;
