/** Channels into the application: the staff console (Faces) and, later, the JMS contract for other apps. */
package com.idss.informzsync.interfaces;
