package dev.scimgateway.observability;

import io.micrometer.context.ThreadLocalAccessor;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;

/**
 * Copies a request's {@link LogFields} between its Reactor Context and the logging MDC of the
 * thread at hand. Found by context-propagation's ServiceLoader
 * (META-INF/services/io.micrometer.context.ThreadLocalAccessor), so every context registry knows it.
 * Setting writes all fields, removing those the request has not got, so no field of one request
 * stays on a thread for the next.
 */
public final class LogFieldsAccessor implements ThreadLocalAccessor<Map<String, String>> {

    @Override
    public Object key() {
        return LogFields.CONTEXT_KEY;
    }

    @Override
    public @Nullable Map<String, String> getValue() {
        Map<String, String> current = null;
        for (String field : LogFields.ALL) {
            String value = MDC.get(field);
            if (value != null) {
                if (current == null) {
                    current = new HashMap<>(4);
                }
                current.put(field, value);
            }
        }
        return current;
    }

    @Override
    public void setValue(Map<String, String> fields) {
        for (String field : LogFields.ALL) {
            String value = fields.get(field);
            if (value != null) {
                MDC.put(field, value);
            } else {
                MDC.remove(field);
            }
        }
    }

    @Override
    public void setValue() {
        LogFields.ALL.forEach(MDC::remove);
    }
}
