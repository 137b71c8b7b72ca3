/** The contact aggregate: a person in the CRM who may become an Informz subscriber. */
package com.idss.informzsync.domain.contact;
