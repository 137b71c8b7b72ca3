/**
 * The contact aggregate: a person in the CRM who may become an Informz subscriber, the rules that
 * decide whether their email can be synced, and who owns an email shared by several contacts.
 */
package com.idss.informzsync.domain.contact;
