package com.idss.informzsync.infrastructure.persistence.jpa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.idss.informzsync.application.sync.SharedInformzConnection.Recorded;
import com.idss.informzsync.testsupport.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The conditional UPDATEs of {@link JdbcSharedInformzConnection}, on each database the product runs on. */
abstract class SharedInformzConnectionContract {

    private static final Instant WENT_DOWN = Instant.parse("2026-11-26T12:00:00Z");

    private final TestDatabase database;
    private final JdbcSharedInformzConnection shared = new JdbcSharedInformzConnection();

    SharedInformzConnectionContract(TestDatabase.Kind kind) {
        database = TestDatabase.create(kind);
        shared.dataSource = database.dataSource();
    }

    @AfterEach
    void dropDatabase() {
        database.close();
    }

    @Test
    void theMigrationRecordsItUp() {
        Recorded recorded = shared.read();
        assertTrue(recorded.connection().up());
        assertEquals(0, recorded.changes());
    }

    @Test
    void downKeepsWhenItWentDownAndTakesTheLatestReason() {
        Recorded down = shared.recordDown("HTTP 503", WENT_DOWN);
        assertFalse(down.connection().up());
        assertEquals(WENT_DOWN, down.connection().since());
        assertEquals("HTTP 503", down.connection().reason());
        assertEquals(1, down.changes());
        assertEquals(JdbcClusterJobs.nodeName(), down.changedBy());

        Recorded again = shared.recordDown("Read timed out", WENT_DOWN.plusSeconds(5));
        assertEquals(WENT_DOWN, again.connection().since(), "down since the first");
        assertEquals("Read timed out", again.connection().reason());
        assertEquals(1, again.changes(), "not a change between up and down");
        assertEquals(again, shared.read());

        Recorded earlier = shared.recordDown("HTTP 503", WENT_DOWN.minusMillis(120));
        assertEquals(WENT_DOWN.minusMillis(120), earlier.connection().since(),
                "another node found it earlier and recorded it later: down since the earliest");
        assertEquals(1, earlier.changes());
    }

    @Test
    void upOnlyWhenItWasDown() {
        Instant before = shared.read().connection().since();
        Recorded stillUp = shared.recordUp(WENT_DOWN);
        assertEquals(0, stillUp.changes());
        assertEquals(before, stillUp.connection().since());

        shared.recordDown("HTTP 503", WENT_DOWN);
        Instant back = WENT_DOWN.plus(Duration.ofSeconds(42));
        Recorded up = shared.recordUp(back);
        assertTrue(up.connection().up());
        assertEquals(back, up.connection().since());
        assertNull(up.connection().reason());
        assertEquals(2, up.changes());
    }

    @Test
    void aLongReasonIsCutToTheColumn() {
        String reason = "x".repeat(5_000);
        Recorded down = shared.recordDown(reason, WENT_DOWN);
        assertEquals(JdbcSharedInformzConnection.LONGEST_REASON, down.connection().reason().length());
        assertTrue(down.connection().reason().endsWith("…"));
    }
}
