/**
 * The staff console's side of the application: one read model per page or aggregate (contacts,
 * lists, sync errors, Informz calls, duplicates, dashboard) that pages in the database and returns
 * DTOs (the views never touch entities), and the list editor's one-transaction save and its
 * membership preview.
 */
package com.idss.informzsync.application.console;
