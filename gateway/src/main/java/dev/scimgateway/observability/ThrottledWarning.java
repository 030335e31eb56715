package dev.scimgateway.observability;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;

/**
 * A warning that overload can repeat thousands of times a second (every request shed with 503).
 * The first one is logged; after that, at most one line per interval, which says how many were
 * left out since. The console appender writes synchronously on the calling thread, so an
 * unthrottled warning per shed request would make the log the bottleneck of the overload it reports.
 */
public final class ThrottledWarning {

    private final Logger log;
    private final long intervalNanos;
    private final LongSupplier nanoTime;
    private final AtomicLong nextAllowedAt;
    private final LongAdder suppressed = new LongAdder();

    public ThrottledWarning(Logger log, Duration interval) {
        this(log, interval, System::nanoTime);
    }

    /** @param nanoTime the clock; tests pass one they move */
    ThrottledWarning(Logger log, Duration interval, LongSupplier nanoTime) {
        this.log = log;
        this.intervalNanos = interval.toNanos();
        this.nanoTime = nanoTime;
        this.nextAllowedAt = new AtomicLong(nanoTime.getAsLong());
    }

    /** Logs at warn unless a line went out less than an interval ago; then only counts it. */
    public void warn(Supplier<String> message) {
        long now = nanoTime.getAsLong();
        long allowedAt = nextAllowedAt.get();
        if (now - allowedAt < 0 || !nextAllowedAt.compareAndSet(allowedAt, now + intervalNanos)) {
            suppressed.increment();
            return;
        }
        long left = suppressed.sumThenReset();
        if (left == 0) {
            log.warn(message.get());
        } else {
            log.warn("{} (and {} more like it since the last such line; the metrics count them all)", message.get(),
                    left);
        }
    }
}
