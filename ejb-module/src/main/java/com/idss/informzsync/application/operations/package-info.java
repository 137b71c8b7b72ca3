/**
 * What the people who run the product see of it, read-only: the sync's backlog and lag, the broker's
 * queues, the Informz connection. Health checks and metrics (interfaces, infrastructure) read these.
 */
package com.idss.informzsync.application.operations;
