/**
 * Use cases the console, the MDBs and other enterprise apps call: each a transaction over the
 * domain. Outbound ports (what the application needs from the outside) are interfaces here.
 */
package com.idss.informzsync.application;
