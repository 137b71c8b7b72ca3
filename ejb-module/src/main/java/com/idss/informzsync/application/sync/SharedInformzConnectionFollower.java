package com.idss.informzsync.application.sync;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJBException;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.logging.Logger;

/**
 * Makes this node adopt the Informz connection state the nodes share, about every second
 * ({@link InformzConnectionMonitor#adoptShared()}). The timer is not persistent: every node sets its
 * own at start. It is set again after each run rather than repeating, so a slow database delays the
 * next read instead of piling reads up.
 */
@Singleton
@Startup
// The shared state is a table: the schema must be migrated before it is read.
@DependsOn("DatabaseMigrations")
public class SharedInformzConnectionFollower {

    static final long EVERY_MILLIS = 1_000;
    private static final Logger LOG = Logger.getLogger(SharedInformzConnectionFollower.class.getName());

    @Resource
    TimerService timers;

    @Inject
    InformzConnectionMonitor monitor;

    @PostConstruct
    void start() {
        scheduleNext();
    }

    // The shared state is read and written in transactions of its own.
    @Timeout
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void follow() {
        try {
            monitor.adoptShared();
        } finally {
            scheduleNext();
        }
    }

    private void scheduleNext() {
        try {
            timers.createSingleActionTimer(EVERY_MILLIS, new TimerConfig("informz-connection-follow", false));
        } catch (IllegalStateException | EJBException e) {
            LOG.fine(() -> "Not following the shared Informz connection state any more (stopping?): " + e);
        }
    }
}
