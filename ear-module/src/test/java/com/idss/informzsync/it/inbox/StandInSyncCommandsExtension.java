package com.idss.informzsync.it.inbox;

import com.idss.informzsync.application.sync.SyncCommands;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.AfterBeanDiscovery;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.ProcessBean;

/**
 * Adds {@link RecordingSyncCommands} only when no SyncCommands bean was discovered, so the same
 * tests run against the stand-in today and against the engine once it is merged.
 */
public class StandInSyncCommandsExtension implements Extension {

    private static volatile boolean standInActive;

    private boolean engineDeployed;

    public static boolean standInActive() {
        return standInActive;
    }

    void discovered(@Observes ProcessBean<?> bean) {
        if (bean.getBean().getTypes().contains(SyncCommands.class)) {
            engineDeployed = true;
        }
    }

    void addStandIn(@Observes AfterBeanDiscovery discovery) {
        standInActive = !engineDeployed;
        if (!engineDeployed) {
            discovery.addBean()
                    .beanClass(RecordingSyncCommands.class)
                    .types(SyncCommands.class, Object.class)
                    .scope(Dependent.class)
                    .createWith(context -> RecordingSyncCommands.INSTANCE);
        }
    }
}
