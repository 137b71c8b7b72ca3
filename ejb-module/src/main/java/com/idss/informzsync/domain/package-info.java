/**
 * The CRM model the sync stands on: contacts, customer records (accounts), distribution lists and
 * the rules about them. No JMS, HTTP or Informz here.
 */
package com.idss.informzsync.domain;
