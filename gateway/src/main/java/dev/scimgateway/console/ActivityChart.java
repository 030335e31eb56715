package dev.scimgateway.console;

import dev.scimgateway.events.HourlyActivity;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import java.util.stream.Collectors;

/**
 * The Overview's chart of the last 24 hours, drawn on the server as SVG: per hour, a bar each for
 * creates, updates, deactivations (and deletes) and refused requests. No script draws it (the CSP
 * allows none inline), and its numbers are in a table beside it for screen readers and for
 * reading exactly. Colours come from the stylesheet, by each bar's series class.
 */
public record ActivityChart(List<Hour> hours, List<Series> legend, String top, Totals totals) {

    static final int HOURS = 24;
    static final int LEFT = 44;
    static final int COLUMN = 30;
    static final int BAR = 6;
    static final int PLOT_TOP = 10;
    static final int PLOT_HEIGHT = 140;
    static final int BASELINE = PLOT_TOP + PLOT_HEIGHT;
    static final int WIDTH = LEFT + HOURS * COLUMN;

    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("HH:00").withZone(ZoneOffset.UTC);

    /** One series: its class in the stylesheet, its name, and where its count is. */
    public record Series(String css, String name, ToLongFunction<HourlyActivity> count) {}

    static final List<Series> SERIES = List.of(
            new Series("created", "created", HourlyActivity::created),
            new Series("updated", "updated", HourlyActivity::updated),
            new Series("deactivated", "deactivated or deleted", h -> h.deactivated() + h.deleted()),
            new Series("refused", "refused (errors)", HourlyActivity::refused));

    public record Bar(int x, int y, int height, String css, String title) {}

    /** One hour: its bars, its label under the axis (every third hour), and its numbers for the table. */
    public record Hour(String label, String iso, int x, int labelX, boolean labelled, List<Bar> bars, HourlyActivity counts) {}

    public record Totals(long created, long updated, long deactivated, long deleted, long refused, long rateLimited) {}

    /** The hour that {@code now} is in and the 23 before it; the query's {@code since}. */
    static Instant since(Instant now) {
        return now.truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(HOURS - 1));
    }

    static ActivityChart of(List<HourlyActivity> rows, Instant now) {
        Instant first = since(now);
        Map<Instant, HourlyActivity> byHour = rows.stream().collect(Collectors.toMap(HourlyActivity::hour,
                Function.identity(), (a, b) -> a));
        List<HourlyActivity> hours = new ArrayList<>();
        for (int i = 0; i < HOURS; i++) {
            Instant hour = first.plus(Duration.ofHours(i));
            hours.add(byHour.getOrDefault(hour, new HourlyActivity(hour, 0, 0, 0, 0, 0, 0)));
        }
        long max = Math.max(1, hours.stream().flatMapToLong(h -> SERIES.stream().mapToLong(s -> s.count().applyAsLong(h)))
                .max().orElse(1));
        List<Hour> drawn = new ArrayList<>();
        for (int i = 0; i < HOURS; i++) {
            HourlyActivity h = hours.get(i);
            int x = LEFT + i * COLUMN;
            List<Bar> bars = new ArrayList<>();
            for (int s = 0; s < SERIES.size(); s++) {
                Series series = SERIES.get(s);
                long value = series.count().applyAsLong(h);
                int height = value == 0 ? 0 : (int) Math.max(1, Math.round((double) value / max * PLOT_HEIGHT));
                bars.add(new Bar(x + 3 + s * BAR, BASELINE - height, height, series.css(),
                        HOUR.format(h.hour()) + " UTC: " + value + " " + series.name()));
            }
            drawn.add(new Hour(HOUR.format(h.hour()), h.hour().toString(), x, x + COLUMN / 2, i % 3 == 0, bars, h));
        }
        Totals totals = new Totals(sum(hours, HourlyActivity::created), sum(hours, HourlyActivity::updated),
                sum(hours, HourlyActivity::deactivated), sum(hours, HourlyActivity::deleted),
                sum(hours, HourlyActivity::refused), sum(hours, HourlyActivity::rateLimited));
        return new ActivityChart(drawn, SERIES, String.valueOf(max), totals);
    }

    private static long sum(List<HourlyActivity> hours, ToLongFunction<HourlyActivity> count) {
        return hours.stream().mapToLong(count).sum();
    }

    // Fixed geometry, for the template.
    public int width() {
        return WIDTH;
    }

    public int baseline() {
        return BASELINE;
    }

    public int plotTop() {
        return PLOT_TOP;
    }

    public int left() {
        return LEFT;
    }
}
