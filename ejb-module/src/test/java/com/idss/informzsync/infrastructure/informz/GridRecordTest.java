package com.idss.informzsync.infrastructure.informz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GridRecordTest {

    private static Optional<Instant> cancellation(String value) {
        return new GridRecord(1, Map.of("Cancellation_Date", value)).dateTime("cancellation_date");
    }

    @Test
    void datesAreReadAsInstantsWithOrWithoutAZone() {
        assertEquals(Optional.of(Instant.parse("2026-11-30T08:15:00Z")), cancellation("2026-11-30T08:15:00Z"));
        assertEquals(Optional.of(Instant.parse("2026-11-30T08:15:00Z")), cancellation("2026-11-30T09:15:00+01:00"));
        assertEquals(Optional.of(Instant.parse("2026-11-30T08:15:00.123Z")), cancellation(" 2026-11-30T08:15:00.123 "),
                "no zone: UTC (A13)");
    }

    @Test
    void anUnreadableDateIsAbsentButTheFieldStillCounts() {
        GridRecord row = new GridRecord(1, Map.of("cancellation_date", "11/30/2026 8:15:00 AM"));
        assertTrue(row.dateTime("cancellation_date").isEmpty());
        assertTrue(row.text("cancellation_date").isPresent(), "a cancelled membership whatever its date format");
        assertTrue(cancellation("").isEmpty());
    }

    @Test
    void aFieldIsFoundWhateverTheCaseOfItsName() {
        GridRecord row = new GridRecord(1, Map.of("Subscriber_ID", "102", "email", ""));
        assertEquals(Optional.of("102"), row.text("subscriber_id"));
        assertEquals(Optional.of("102"), row.text("SUBSCRIBER_ID"));
        assertTrue(row.text("Email").isEmpty(), "an empty field reads as absent");
        assertTrue(row.text("user_id").isEmpty());
    }
}
