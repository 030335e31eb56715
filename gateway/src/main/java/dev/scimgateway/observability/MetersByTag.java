package dev.scimgateway.observability;

import io.micrometer.core.instrument.Meter;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Meters whose tags are known only per request (a status class, a tenant, a method), registered
 * the first time a key occurs and looked up after that: registering builds the meter's id and
 * searches the registry, which is not work to repeat on every request. Keys must come from a
 * bounded set, as every tag value must.
 */
public final class MetersByTag<K, M extends Meter> {

    private final Map<K, M> meters = new ConcurrentHashMap<>();
    private final Function<K, M> register;

    public MetersByTag(Function<K, M> register) {
        this.register = register;
    }

    public M of(K key) {
        M meter = meters.get(key);
        return meter != null ? meter : meters.computeIfAbsent(key, register);
    }
}
