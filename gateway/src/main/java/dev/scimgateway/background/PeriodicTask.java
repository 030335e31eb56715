package dev.scimgateway.background;

import java.time.Duration;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Background work that repeats: one run at a time (a slow run delays the next instead of piling
 * up), each cut off after a timeout, and a failed run logged and retried on the next tick rather
 * than ending the schedule. Its owner starts and stops it, or it is a bean of its own and the
 * application context does.
 */
public final class PeriodicTask implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(PeriodicTask.class);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    private final String name;
    private final Duration interval;
    private final Duration timeout;
    private final Supplier<Mono<?>> run;
    private final boolean loadedAtStart;
    private volatile Disposable schedule = () -> {};
    private volatile boolean running;

    public PeriodicTask(String name, Duration interval, Duration timeout, Supplier<Mono<?>> run) {
        this(name, interval, timeout, run, false);
    }

    private PeriodicTask(String name, Duration interval, Duration timeout, Supplier<Mono<?>> run, boolean loadedAtStart) {
        this.name = name;
        this.interval = interval;
        this.timeout = timeout;
        this.run = run;
        this.loadedAtStart = loadedAtStart;
    }

    /**
     * A task whose first run is over before {@link #start} returns, and fails the start if it
     * fails: for state the first requests need (the tokens that authenticate them).
     */
    public static PeriodicTask loadedAtStart(String name, Duration interval, Duration timeout, Supplier<Mono<?>> run) {
        return new PeriodicTask(name, interval, timeout, run, true);
    }

    @Override
    public void start() {
        if (loadedAtStart) {
            // Start-up, not a request path: waiting here keeps the first requests from missing.
            Mono.defer(run).block(START_TIMEOUT);
        }
        running = true;
        schedule = Flux.interval(interval, interval)
                .onBackpressureDrop()
                .concatMap(tick -> Mono.defer(run).timeout(timeout).then().onErrorResume(e -> {
                    log.warn("{} failed; will retry: {}", name, e.toString());
                    return Mono.empty();
                }), 1)
                .subscribe();
    }

    @Override
    public void stop() {
        schedule.dispose();
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
