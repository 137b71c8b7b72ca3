/**
 * CRM editing use cases (contacts, customer records, distribution lists): the one way the console
 * and other enterprise apps change CRM data, so every change fires the same lifecycle events and
 * syncs the same way.
 */
package com.idss.informzsync.application.crm;
