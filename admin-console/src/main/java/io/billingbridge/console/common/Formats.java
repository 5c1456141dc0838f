package io.billingbridge.console.common;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** How the console writes times and ages: UTC, to the second, the way the server's logs and audit do. */
public final class Formats {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);

    /** The dash shown for a missing value. */
    public static final String NONE = "—";

    private Formats() {
    }

    /** {@code 2026-11-28 20:15:00 UTC}, or {@link #NONE}. */
    public static String time(Instant instant) {
        return instant == null ? NONE : TIME.format(instant);
    }

    /** {@code 2026-11-28}, or {@link #NONE}. */
    public static String date(Instant instant) {
        return instant == null ? NONE : DATE.format(instant);
    }

    /** {@code 45 s}, {@code 14 min}, {@code 3 h 5 min}, {@code 2 d 4 h}, or {@link #NONE}. */
    public static String age(Long seconds) {
        if (seconds == null) {
            return NONE;
        }
        Duration age = Duration.ofSeconds(Math.max(0, seconds));
        if (age.toMinutes() < 1) {
            return age.toSeconds() + " s";
        }
        if (age.toHours() < 1) {
            return age.toMinutes() + " min";
        }
        if (age.toDays() < 1) {
            return age.toHours() + " h " + age.toMinutesPart() + " min";
        }
        return age.toDays() + " d " + age.toHoursPart() + " h";
    }

    /** {@code text}, or {@link #NONE} when null or blank. */
    public static String text(String text) {
        return text == null || text.isBlank() ? NONE : text;
    }
}
