/**
 * Distribution lists: who should be on each Informz interest. Members are the hand-picked contacts
 * plus whoever the list's saved queries match today, never inactive contacts.
 */
package com.idss.informzsync.domain.list;
