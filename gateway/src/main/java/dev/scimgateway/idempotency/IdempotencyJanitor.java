package dev.scimgateway.idempotency;

import dev.scimgateway.background.PeriodicTask;
import java.time.Duration;
import org.springframework.context.SmartLifecycle;

/** Deletes expired idempotency records in the background; expired ones are already ignored on claim. */
public final class IdempotencyJanitor implements SmartLifecycle {

    private final PeriodicTask purge;
    private volatile boolean running;

    public IdempotencyJanitor(IdempotencyStore store, Duration interval) {
        this.purge = new PeriodicTask("Purging expired idempotency records", interval, Duration.ofMinutes(1),
                store::purgeExpired);
    }

    @Override
    public void start() {
        purge.start();
        running = true;
    }

    @Override
    public void stop() {
        purge.stop();
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
