package com.idss.informzsync.application.operations;

import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;

/** Minute by minute over a recent window: Informz calls, their failures, the sync lag. */
@Stateless
public class ActivityHistory {

    @PersistenceContext(unitName = "crm")
    EntityManager em;

    /**
     * @param calls    per minute, oldest first; the last is the minute now running
     * @param failures of those calls, the ones that failed (a fault or no answer)
     * @param lagSeconds the worst lag a node sampled that minute; -1 where none sampled
     */
    public record Minutes(Instant firstMinute, long[] calls, long[] failures, long[] lagSeconds) {
    }

    public Minutes lastHours(int hours) {
        Instant end = Instant.now().truncatedTo(ChronoUnit.MINUTES).plus(Duration.ofMinutes(1));
        int minutes = hours * 60;
        Instant first = end.minus(Duration.ofMinutes(minutes));
        long[] calls = new long[minutes];
        long[] failures = new long[minutes];
        long[] lag = new long[minutes];
        Arrays.fill(lag, -1);
        long firstEpochMinute = first.getEpochSecond() / 60;
        OffsetDateTime from = first.atOffset(ZoneOffset.UTC);
        // Counted by the database, a minute at a time: a busy day is millions of calls.
        for (Object row : em.createNativeQuery("SELECT FLOOR(EXTRACT(EPOCH FROM called_at) / 60), COUNT(*), "
                        + "SUM(CASE WHEN outcome = 'SUCCESS' THEN 0 ELSE 1 END) FROM informz_call WHERE called_at >= ? "
                        + "GROUP BY FLOOR(EXTRACT(EPOCH FROM called_at) / 60)")
                .setParameter(1, from).getResultList()) {
            Object[] columns = (Object[]) row;
            int index = (int) (((Number) columns[0]).longValue() - firstEpochMinute);
            if (index >= 0 && index < minutes) {
                calls[index] = ((Number) columns[1]).longValue();
                failures[index] = ((Number) columns[2]).longValue();
            }
        }
        for (Object row : em.createNativeQuery("SELECT sampled_at, MAX(lag_seconds) FROM sync_lag_sample "
                        + "WHERE sampled_at >= ? GROUP BY sampled_at")
                .setParameter(1, from).getResultList()) {
            Object[] columns = (Object[]) row;
            int index = (int) (instantOf(columns[0]).getEpochSecond() / 60 - firstEpochMinute);
            if (index >= 0 && index < minutes) {
                lag[index] = ((Number) columns[1]).longValue();
            }
        }
        return new Minutes(first, calls, failures, lag);
    }

    private static Instant instantOf(Object value) {
        if (value instanceof OffsetDateTime time) {
            return time.toInstant();
        }
        if (value instanceof Timestamp timestamp) {
            return timestamp.toInstant();
        }
        if (value instanceof ZonedDateTime zoned) {
            return zoned.toInstant();
        }
        throw new IllegalStateException("unexpected timestamp type " + value.getClass().getName());
    }
}
