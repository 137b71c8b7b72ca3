/**
 * The production topology's tests: two WildFly nodes on one standalone Artemis broker and one
 * PostgreSQL, started, killed and restarted through {@code server-config/src/main/scripts/cluster.sh},
 * the command operators use. The tests are remote clients of every process.
 */
package com.idss.informzsync.cluster;
