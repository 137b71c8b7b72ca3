/**
 * What the sync has done: per contact-and-list state (written by the sync engine, read by the
 * console) and the audit trail of every Informz call.
 */
package com.idss.informzsync.domain.sync;
