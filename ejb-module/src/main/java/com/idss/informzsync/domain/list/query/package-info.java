/**
 * Saved-query criteria as data: a tree of AND/OR groups over criteria on an enumerated set of
 * contact and account fields, with its versioned JSON form. Users pick fields and operators; they
 * never write SQL or JPQL.
 */
package com.idss.informzsync.domain.list.query;
