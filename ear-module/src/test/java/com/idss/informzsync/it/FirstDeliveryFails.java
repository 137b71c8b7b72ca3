package com.idss.informzsync.it;

import com.idss.informzsync.application.sync.SyncMessageHandled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Fails the first delivery of one aggregate's next sync message after its work is done, as a
 * booking that lost to a concurrent contact sync does: the transaction rolls back and the broker
 * delivers the message again.
 */
@ApplicationScoped
public class FirstDeliveryFails {

    private final AtomicReference<String> armedFor = new AtomicReference<>();
    private volatile boolean failed;

    public void arm(String groupId) {
        armedFor.set(groupId);
    }

    public boolean failed() {
        return failed;
    }

    void onHandled(@Observes SyncMessageHandled event) {
        String armed = armedFor.get();
        // compareAndSet compares references: it is given the very string read above.
        if (event.message().groupId().equals(armed) && armedFor.compareAndSet(armed, null)) {
            failed = true;
            throw new IllegalStateException("this delivery fails on purpose (test)");
        }
    }
}
