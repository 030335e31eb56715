package dev.scimgateway.events;

import dev.scimgateway.background.PeriodicTask;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.time.Duration;
import java.util.function.Function;
import org.springframework.context.SmartLifecycle;

/**
 * The change feed's meters: each stream's lag (the tenant's newest change minus the stream's
 * position: changes written that its receiver has not acknowledged, or that it does not deliver),
 * read from the database every interval, so every replica reports the same; failed pushes; and
 * streams paused by their failures.
 */
public final class FeedMetrics implements SmartLifecycle {

    public static final String LAG = "scim_events_feed_lag";
    /** A read slower than this is abandoned and tried at the next interval; the gauges keep their last values. */
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(10);

    private final StreamStore streams;
    private final MultiGauge lag;
    private final Counter pushFailures;
    private final Counter paused;
    private final Function<String, String> tenantTag;
    private final Function<String, String> streamTag;
    private final PeriodicTask refresh;
    private volatile boolean running;

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
        return streams.lags().collectList().doOnNext(rows -> lag.register(series(rows), true)).then();
    }

    /**
     * One series per stream while streams keep their own tag (the first ones seen, as many as
     * tenants keep theirs); every later stream's lag goes into one series per tenant tag, the
     * largest lag among them. A series per stream of 10,000 tenants would be as many series as
     * the tenant tag was bounded to avoid (issue 17).
     */
    private java.util.List<MultiGauge.Row<?>> series(java.util.List<FeedLag> rows) {
        java.util.List<MultiGauge.Row<?>> series = new java.util.ArrayList<>();
        java.util.Map<Tags, Long> folded = new java.util.HashMap<>();
        for (FeedLag row : rows) {
            String stream = streamTag.apply(row.streamId());
            Tags tags = Tags.of("tenant", tenantTag.apply(row.tenantId()), "stream", stream);
            if (stream.equals(row.streamId())) {
                series.add(MultiGauge.Row.of(tags, row.lag()));
            } else {
                folded.merge(tags, row.lag(), Math::max);
            }
        }
        folded.forEach((tags, max) -> series.add(MultiGauge.Row.of(tags, max)));
        return series;
    }

    void pushFailed() {
        pushFailures.increment();
    }

    void streamPaused() {
        paused.increment();
    }

    @Override
    public void start() {
        refresh.start();
        running = true;
    }

    @Override
    public void stop() {
        refresh.stop();
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
