/** The account aggregate: the customer record (hotel, venue, planner, media outlet…) a contact works for. */
package com.idss.informzsync.domain.account;
