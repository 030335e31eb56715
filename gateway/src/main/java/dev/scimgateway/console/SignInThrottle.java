package dev.scimgateway.console;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Failed sign-ins per client address: after {@code maxFailures} within a window, that address's
 * sign-ins are refused until the window has passed, so a key cannot be guessed at speed. Counted
 * per replica; with N replicas an address gets at most N times as many tries.
 */
final class SignInThrottle {

    /** Addresses tracked at once; bounds the memory an attacker with many addresses can take. */
    static final int MAX_ADDRESSES = 10_000;

    private record Window(Instant start, int failures) {}

    private final int maxFailures;
    private final Duration window;
    private final Clock clock;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    SignInThrottle(int maxFailures, Duration window, Clock clock) {
        this.maxFailures = maxFailures;
        this.window = window;
        this.clock = clock;
    }

    /** Seconds until the address may try again; 0 when it may now. */
    long retryAfterSeconds(String address) {
        Instant now = clock.instant();
        Window current = windows.get(address);
        if (current == null || !now.isBefore(current.start().plus(window))) {
            // Fail closed: while the table is full of live windows a new address waits too, so that a
            // flood of addresses cannot push out the counts of the ones that are guessing.
            return windows.size() >= MAX_ADDRESSES && !forgetExpired(now) ? window.toSeconds() : 0;
        }
        return current.failures() < maxFailures ? 0 : Math.max(1, Duration.between(now, current.start().plus(window)).toSeconds());
    }

    void failed(String address) {
        Instant now = clock.instant();
        windows.compute(address, (key, current) -> current == null || !now.isBefore(current.start().plus(window))
                ? new Window(now, 1) : new Window(current.start(), current.failures() + 1));
    }

    void succeeded(String address) {
        windows.remove(address);
    }

    /** True when forgetting the windows that are over made room. */
    private boolean forgetExpired(Instant now) {
        windows.values().removeIf(w -> !now.isBefore(w.start().plus(window)));
        return windows.size() < MAX_ADDRESSES;
    }
}
