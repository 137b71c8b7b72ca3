package com.idss.informzsync.interfaces.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** How the console writes times: UTC, to the second, and "—" for never. */
@Named("fmt")
@ApplicationScoped
public class Format {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'");

    public String time(OffsetDateTime time) {
        return time == null ? "—" : time.atZoneSameInstant(ZoneOffset.UTC).format(TIME);
    }

    public String instant(Instant time) {
        return time == null ? "—" : time.atOffset(ZoneOffset.UTC).format(TIME);
    }

    /** How long ago, roughly: "3 min", "2 h", "4 days". */
    public String age(OffsetDateTime time) {
        if (time == null) {
            return "—";
        }
        Duration age = Duration.between(time.toInstant(), Instant.now());
        if (age.isNegative()) {
            return "due in " + words(age.negated());
        }
        return words(age);
    }

    private static String words(Duration d) {
        if (d.toMinutes() < 1) {
            return d.toSeconds() + " s";
        }
        if (d.toHours() < 1) {
            return d.toMinutes() + " min";
        }
        if (d.toDays() < 1) {
            return d.toHours() + " h";
        }
        return d.toDays() + " days";
    }
}
