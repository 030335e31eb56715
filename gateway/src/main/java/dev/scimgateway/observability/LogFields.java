package dev.scimgateway.observability;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;
import org.springframework.http.server.reactive.HttpHandler;
import reactor.core.publisher.Mono;
import reactor.util.context.ContextView;

/**
 * The fields a request adds to every log line written while it is served, whatever thread writes
 * it: the structured formats (ECS, Logstash) write them as JSON fields, next to the trace id that
 * tracing adds. Names are snake_case, as log pipelines index them.
 *
 * <p>A request's fields live in one map in its Reactor Context, put there by {@link #scope}
 * around the whole exchange (error handling included). A line written through {@link #logged}
 * has them in SLF4J's MDC, with the trace id beside them, whatever thread writes it. Only there:
 * copying them onto the thread at every signal of every request (automatic context propagation)
 * cost a sixth of the gateway's CPU in the NDJSON import. They are not a context-propagation
 * {@code ThreadLocalAccessor} either: Reactor would then copy them in and out around every
 * {@code handle()} of the request, the database driver's once per row it reads.
 */
public final class LogFields {

    /** The tenant the credential belongs to. */
    public static final String TENANT = "tenant";
    /** The id of the tenant token used (never the token). */
    public static final String TOKEN_ID = "token_id";
    /** X-Request-Id: the proxy's, or generated. */
    public static final String REQUEST_ID = "request_id";

    static final List<String> ALL = List.of(TENANT, TOKEN_ID, REQUEST_ID);
    static final String CONTEXT_KEY = "dev.scimgateway.log-fields";

    private LogFields() {}

    /**
     * Adds a field to every log line written for the rest of the request, from the lines of the
     * chain this Mono is followed by: {@code LogFields.put(TENANT, id).then(chain.filter(exchange))}.
     * Outside a request served through {@link #scope} it does nothing.
     *
     * @param field one of the constants of this class
     */
    public static Mono<Void> put(String field, String value) {
        if (!ALL.contains(field)) {
            return Mono.error(new IllegalArgumentException("not a log field: " + field));
        }
        return Mono.deferContextual(context -> {
            fields(context).put(field, value);
            return Mono.empty();
        });
    }

    /**
     * Writes log lines with the request's fields in the MDC, and its trace: Reactor restores the
     * observation around a {@code handle}, and takes it away after it.
     */
    public static Mono<Void> logged(Runnable lines) {
        return Mono.just(Boolean.TRUE).handle((ignored, sink) -> {
            inMdc(fields(sink.contextView()), lines);
            sink.complete();
        });
    }

    /** Puts the fields in the MDC for the lines, then leaves the thread's MDC as it found it. */
    private static void inMdc(Map<String, String> fields, Runnable lines) {
        String[] found = new String[ALL.size()];
        for (int i = 0; i < found.length; i++) {
            found[i] = MDC.get(ALL.get(i));
            set(ALL.get(i), fields.get(ALL.get(i)));
        }
        try {
            lines.run();
        } finally {
            for (int i = 0; i < found.length; i++) {
                set(ALL.get(i), found[i]);
            }
        }
    }

    private static void set(String field, @Nullable String value) {
        if (value == null) {
            MDC.remove(field);
        } else {
            MDC.put(field, value);
        }
    }

    /** The handler with a place for each request's fields; outermost, so error handling is inside it. */
    public static HttpHandler scope(HttpHandler handler) {
        return (request, response) -> handler.handle(request, response)
                .contextWrite(context -> context.put(CONTEXT_KEY, new ConcurrentHashMap<String, String>(4)));
    }

    private static Map<String, String> fields(ContextView context) {
        return context.<Map<String, String>>getOrEmpty(CONTEXT_KEY).orElseGet(ConcurrentHashMap::new);
    }
}
