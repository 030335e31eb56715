package dev.scimgateway.console;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.jspecify.annotations.Nullable;

/**
 * A moment as the dashboard shows it: relative ("3 minutes ago", "in 29 days") and exact, in UTC,
 * with the machine-readable form for {@code <time datetime>}.
 */
public record Times(String relative, String exact, String iso) {

    private static final DateTimeFormatter EXACT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    static @Nullable Times of(@Nullable Instant moment, Instant now) {
        return moment == null ? null : new Times(relative(moment, now), EXACT.format(moment), moment.toString());
    }

    static String relative(Instant moment, Instant now) {
        Duration between = Duration.between(moment, now);
        boolean past = !between.isNegative();
        long seconds = Math.abs(between.toSeconds());
        if (seconds < 10) {
            return past ? "just now" : "in a few seconds";
        }
        String amount = seconds < 60 ? plural(seconds, "second")
                : seconds < 3600 ? plural(seconds / 60, "minute")
                : seconds < 86_400 ? plural(seconds / 3600, "hour")
                : plural(seconds / 86_400, "day");
        return past ? amount + " ago" : "in " + amount;
    }

    private static String plural(long count, String unit) {
        return count + " " + unit + (count == 1 ? "" : "s");
    }
}
