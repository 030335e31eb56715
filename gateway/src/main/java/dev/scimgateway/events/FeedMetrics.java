package dev.scimgateway.events;

import dev.scimgateway.background.PeriodicTask;
import dev.scimgateway.background.Polled;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.time.Duration;
import java.util.function.Function;

/**
 * The change feed's meters: each stream's lag (the tenant's newest change minus the stream's
 * position: changes written that its receiver has not acknowledged, or that it does not deliver),
 * read from the database every interval, so every replica reports the same; failed pushes; and
 * streams paused by their failures.
 */
public final class FeedMetrics implements Polled {

    public static final String LAG = "scim_events_feed_lag";
    /** A read slower than this is abandoned and tried at the next interval; the gauges keep their last values. */
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(10);

    private final StreamStore streams;
    private final MultiGauge lag;
    private final Counter pushFailures;
    private final Counter paused;
    private final Function<String, String> tenantTag;
    private final Function<String, String> streamTag;
    /** The value of each series, held here (a gauge holds its value weakly) and updated in place. */
    private final java.util.Map<Tags, java.util.concurrent.atomic.AtomicLong> values =
            new java.util.concurrent.ConcurrentHashMap<>();
    private final PeriodicTask refresh;

    public FeedMetrics(MeterRegistry meters, StreamStore streams, Function<String, String> tenantTag,
            Function<String, String> streamTag, Duration interval) {
        this.streams = streams;
        this.tenantTag = tenantTag;
        this.streamTag = streamTag;
        this.lag = MultiGauge.builder(LAG)
                .description("Changes of the tenant above the stream's acknowledged position")
                .register(meters);
        this.pushFailures = Counter.builder("scim_events_push_failures").description("Pushes a receiver did not accept")
                .register(meters);
        this.paused = Counter.builder("scim_events_streams_paused")
                .description("Push streams paused after a run of failures").register(meters);
        this.refresh = new PeriodicTask("Reading the change feed's lag", interval, READ_TIMEOUT, this::read);
    }

    private reactor.core.publisher.Mono<Void> read() {
        return streams.lags().collectList().doOnNext(rows -> {
            java.util.Map<Tags, Long> current = series(rows);
            values.keySet().retainAll(current.keySet());
            current.forEach((tags, lag) -> values.computeIfAbsent(tags, t -> new java.util.concurrent.atomic.AtomicLong())
                    .set(lag));
            // Each series keeps its gauge and its value holder while it exists: registering anew on
            // every read would leave a scrape in between without it.
            lag.register(current.keySet().stream()
                    .map(tags -> MultiGauge.Row.of(tags, values.get(tags), java.util.concurrent.atomic.AtomicLong::get))
                    .toList(), false);
        }).then();
    }

    /**
     * One series per stream while streams keep their own tag (the first ones seen, as many as
     * tenants keep theirs); every later stream's lag goes into one series per tenant tag, the
     * largest lag among them. A series per stream of 10,000 tenants would be as many series as
     * the tenant tag was bounded to avoid (issue 17).
     */
    private java.util.Map<Tags, Long> series(java.util.List<FeedLag> rows) {
        java.util.Map<Tags, Long> series = new java.util.HashMap<>();
        for (FeedLag row : rows) {
            series.merge(Tags.of("tenant", tenantTag.apply(row.tenantId()), "stream", streamTag.apply(row.streamId())),
                    row.lag(), Math::max);
        }
        return series;
    }

    void pushFailed() {
        pushFailures.increment();
    }

    void streamPaused() {
        paused.increment();
    }

    @Override
    public PeriodicTask polling() {
        return refresh;
    }
}
