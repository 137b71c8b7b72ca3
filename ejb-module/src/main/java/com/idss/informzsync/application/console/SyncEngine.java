package com.idss.informzsync.application.console;

import com.idss.informzsync.application.sync.InformzConnection;
import com.idss.informzsync.application.sync.SyncCommands;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.Optional;

/**
 * The sync engine as the console sees it: its commands and its connection monitor, looked up
 * rather than injected directly, so the console deploys and reads its tables even in a build
 * without the engine, and says so instead of failing the whole deployment.
 */
@ApplicationScoped
public class SyncEngine {

    @Inject
    Instance<SyncCommands> commands;

    @Inject
    Instance<InformzConnection.Monitor> monitor;

    public boolean available() {
        return commands.isResolvable();
    }

    /** @throws IllegalStateException when no sync engine is deployed */
    public SyncCommands commands() {
        if (!commands.isResolvable()) {
            throw new IllegalStateException("the sync engine is not deployed");
        }
        return commands.get();
    }

    /** Empty when no monitor is deployed. */
    public Optional<InformzConnection> connection() {
        return monitor.isResolvable() ? Optional.ofNullable(monitor.get().current()) : Optional.empty();
    }
}
