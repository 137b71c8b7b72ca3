package com.idss.informzsync.application.sync;

import java.time.Duration;

/**
 * Jobs that run once per cluster rather than once per server node: a node runs one only if it wins
 * the job's turn. The turn is decided by the database, on database time.
 */
public interface ClusterJobs {

    /**
     * @param sinceLastStart   no other node gets a turn until this long after the job's last start
     * @param sameNodeMayRepeat whether the node that started it last may start it again sooner (a node
     *                          restarting after its own crash must catch up whoever ran the last one)
     * @return whether this node runs the job now
     */
    boolean claim(String job, Duration sinceLastStart, boolean sameNodeMayRepeat);
}
