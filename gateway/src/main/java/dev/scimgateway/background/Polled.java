package dev.scimgateway.background;

import org.springframework.context.SmartLifecycle;

/** Something kept in step with the database by a {@link PeriodicTask}: it runs while the task does. */
public interface Polled extends SmartLifecycle {

    PeriodicTask polling();

    @Override
    default void start() {
        polling().start();
    }

    @Override
    default void stop() {
        polling().stop();
    }

    @Override
    default boolean isRunning() {
        return polling().isRunning();
    }
}
