package com.idss.informzsync.application.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class SyncMessageTest {

    @Test
    void roundTripsThroughJson() {
        SyncMessage message = new SyncMessage(AggregateKind.CONTACT, 2_147_483_647L);
        assertEquals(message, SyncMessage.parse(message.toJson()));
    }

    @Test
    void aRetryRoundTripsWithItsAttemptAndToken() {
        SyncMessage retry = new SyncMessage(AggregateKind.LIST, 7, SyncTrigger.MANUAL, 0, false).nextAttempt(9_007_199_254_740_993L);
        assertEquals(retry, SyncMessage.parse(retry.toJson()));
        assertEquals(retry.retryToken(), retry.waitingTurn(true).retryToken(), "a retry that waits stays the retry");
    }

    @Test
    void wireFormIsSmallAndVersioned() {
        assertEquals("{\"v\":1,\"kind\":\"contact\",\"id\":42}", new SyncMessage(AggregateKind.CONTACT, 42).toJson());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "", "   ", "not json", "[]", "{}",
            "{\"v\":2,\"kind\":\"contact\",\"id\":1}",
            "{\"v\":1,\"kind\":\"planet\",\"id\":1}",
            "{\"v\":1,\"id\":1}",
            "{\"v\":1,\"kind\":\"contact\"}",
            "{\"v\":1,\"kind\":\"contact\",\"id\":\"7\"}",
            "{\"v\":1,\"kind\":\"contact\",\"id\":1.5}",
            "{\"v\":\"1\",\"kind\":\"contact\",\"id\":1}",
            "{\"v\":1,\"kind\":7,\"id\":1}",
            "{\"v\":1,\"kind\":\"list\",\"id\":1,\"attempt\":1,\"retry\":\"x\"}"
    })
    void rejectsAnythingElseAsMalformed(String text) {
        assertThrows(MalformedSyncMessageException.class, () -> SyncMessage.parse(text));
    }
}
