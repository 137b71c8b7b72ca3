package com.idss.informzsync.it.inbox;

import com.idss.informzsync.application.sync.SyncCommands;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Stand-in for the engine's SyncCommands while it is not deployed: remembers what was asked. */
public class RecordingSyncCommands implements SyncCommands {

    public static final RecordingSyncCommands INSTANCE = new RecordingSyncCommands();

    private final List<String> calls = new CopyOnWriteArrayList<>();

    public List<String> calls() {
        return List.copyOf(calls);
    }

    @Override
    public void resyncContact(int contactId) {
        calls.add("resyncContact:" + contactId);
    }

    @Override
    public void syncListNow(long listId) {
        calls.add("syncListNow:" + listId);
    }

    @Override
    public void resyncErrorsOfList(long listId) {
        calls.add("resyncErrorsOfList:" + listId);
    }

    @Override
    public int resyncAllErrors() {
        calls.add("resyncAllErrors");
        return 0;
    }

    @Override
    public void mailingSent(long listId) {
        calls.add("mailingSent:" + listId);
    }
}
