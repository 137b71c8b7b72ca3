/** The fault-injection reliability suite: each scenario drives the deployed sync through faults and reports its figures. */
package com.idss.informzsync.reliability;
