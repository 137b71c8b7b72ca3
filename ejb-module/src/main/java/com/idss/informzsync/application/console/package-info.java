/**
 * The staff console's side of the application: read-side queries that page in the database and
 * return DTOs (the views never touch entities), the list editor's one-transaction save and its
 * membership preview, and the optional sync engine handles the console calls.
 */
package com.idss.informzsync.application.console;
