package dev.scimgateway.console;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import reactor.core.publisher.Mono;

/**
 * One answer per key for a short time, shared by every request that asks meanwhile: the figures
 * of the Overview cost a count over the tenant's indexes, which a page polled by several admins
 * must not repeat per request. One load runs per key at a time; a failed load is not kept, so the
 * next request tries again. Expired entries are dropped once the map holds {@code maxKeys}, and
 * past that the map is emptied: it cannot grow without bound, whatever keys are asked for.
 */
final class ExpiringCache<V> {

    private record Entry<V>(Mono<V> value, Instant expires) {}

    private final Duration timeToLive;
    private final int maxKeys;
    private final Clock clock;
    private final Map<String, Entry<V>> entries = new ConcurrentHashMap<>();

    ExpiringCache(Duration timeToLive, int maxKeys, Clock clock) {
        this.timeToLive = timeToLive;
        this.maxKeys = maxKeys;
        this.clock = clock;
    }

    Mono<V> get(String key, Function<String, Mono<V>> load) {
        Instant now = clock.instant();
        Entry<V> entry = entries.compute(key, (k, held) -> held != null && held.expires().isAfter(now) ? held
                : new Entry<>(load.apply(k).doOnError(e -> entries.remove(k)).cache(), now.plus(timeToLive)));
        if (entries.size() > maxKeys) {
            entries.values().removeIf(held -> !held.expires().isAfter(now));
            if (entries.size() > maxKeys) {
                entries.clear();
            }
        }
        return entry.value();
    }
}
