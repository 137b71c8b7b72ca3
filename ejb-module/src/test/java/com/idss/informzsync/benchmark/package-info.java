/** Timed runs over bulk-loaded data; tagged {@code benchmark} and excluded from the default build. */
package com.idss.informzsync.benchmark;
