package dev.scimgateway.idempotency;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Deletes expired idempotency records in the background; expired ones are already ignored on claim. */
public final class IdempotencyJanitor implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(IdempotencyJanitor.class);

    private final IdempotencyStore store;
    private final Duration interval;
    private volatile Disposable running = () -> {};
    private volatile boolean started;

    public IdempotencyJanitor(IdempotencyStore store, Duration interval) {
        this.store = store;
        this.interval = interval;
    }

    @Override
    public void start() {
        running = Flux.interval(interval, interval)
                .onBackpressureDrop()
                .concatMap(tick -> store.purgeExpired()
                        .timeout(Duration.ofMinutes(1))
                        .doOnNext(count -> {
                            if (count > 0) {
                                log.debug("Purged {} expired idempotency records", count);
                            }
                        })
                        .onErrorResume(e -> {
                            log.warn("Purging expired idempotency records failed; will retry: {}", e.toString());
                            return Mono.empty();
                        }), 1)
                .subscribe();
        started = true;
    }

    @Override
    public void stop() {
        running.dispose();
        started = false;
    }

    @Override
    public boolean isRunning() {
        return started;
    }
}
