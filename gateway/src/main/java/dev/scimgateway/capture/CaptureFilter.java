package dev.scimgateway.capture;

import dev.scimgateway.edge.BasePaths;
import dev.scimgateway.edge.EdgeStep;
import dev.scimgateway.edge.Endpoint;
import dev.scimgateway.edge.RequestContext;
import dev.scimgateway.scim.protocol.compat.FormEncodedQuery;
import dev.scimgateway.scim.web.RecordedExchange;
import dev.scimgateway.scim.web.ScimErrorHandler;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes the SCIM requests of the tenants that opted in ({@code SCIM_GATEWAY_CAPTURE_TENANTS}) in
 * the replay format of load-tests (src/site/load-testing.md): one JSON line per request with its
 * time, method, path, query, the headers that matter, how the token was sent (never the token),
 * the pseudonymised body, the status and, for a create, the id assigned, so that a replay can map
 * it to the id the target assigns.
 */
public final class CaptureFilter implements EdgeStep {

    private static final List<String> KEPT_HEADERS = List.of("content-type", "accept", "if-match", "if-none-match",
            "user-agent");

    private final Set<String> tenants;
    private final CaptureWriter writer;
    private final Pseudonyms pseudonyms;
    private final ScimErrorHandler errors;
    private final JsonMapper json;
    private final Clock clock;
    private final int maxBodyBytes;
    private final Map<String, Long> firstRequestMillis = new ConcurrentHashMap<>();

    CaptureFilter(Set<String> tenants, CaptureWriter writer, Pseudonyms pseudonyms, ScimErrorHandler errors,
            JsonMapper json, Clock clock, int maxBodyBytes) {
        this.tenants = Set.copyOf(tenants);
        this.writer = writer;
        this.pseudonyms = pseudonyms;
        this.errors = errors;
        this.json = json;
        this.clock = clock;
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        RequestContext context = RequestContext.of(exchange);
        String tenantId = context.tenant().tenantId();
        if (context.endpoint() == Endpoint.STREAM || !tenants.contains(tenantId)) {
            return chain.filter(exchange);
        }
        long now = clock.millis();
        return RecordedExchange.of(exchange, maxBodyBytes).flatMap(recorded -> chain.filter(recorded.exchange())
                .onErrorResume(e -> errors.handle(recorded.exchange(), e))
                .doFinally(signal -> writer.offer(new CaptureWriter.Line(tenantId, line(exchange, recorded, tenantId, now)))));
    }

    private String line(ServerWebExchange exchange, RecordedExchange recorded, String tenantId, long at) {
        var request = exchange.getRequest();
        ObjectNode line = json.createObjectNode();
        line.put("v", 1);
        line.put("t", at - firstRequestMillis.computeIfAbsent(tenantId, t -> at));
        line.put("method", request.getMethod().name());
        String path = request.getPath().pathWithinApplication().value();
        line.put("path", path.startsWith(BasePaths.SCIM) ? path.substring(BasePaths.SCIM.length()) : path);
        String query = request.getURI().getRawQuery();
        if (query == null) {
            line.putNull("query");
        } else {
            line.put("query", pseudonyms.query(FormEncodedQuery.parse(query).all(), CaptureFilter::encode));
        }
        ObjectNode headers = line.putObject("headers");
        KEPT_HEADERS.forEach(name -> {
            String value = request.getHeaders().getFirst(name);
            if (value != null) {
                headers.put(name, value);
            }
        });
        String authorization = request.getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
        line.put("auth", authorization != null && authorization.toLowerCase(Locale.ROOT).startsWith("bearer ")
                ? "bearer" : "bare");
        JsonNode body = parse(recorded.requestBody());
        if (body != null) {
            line.set("body", pseudonyms.body(body));
        } else if (recorded.requestBody().length > 0) {
            line.put("rawBody", pseudonyms.of(new String(recorded.requestBody(), StandardCharsets.UTF_8)));
        } else {
            line.putNull("body");
        }
        line.put("status", recorded.status());
        String created = createdId(request.getMethod(), recorded);
        if (created != null) {
            line.put("id", created);
        }
        return json.writeValueAsString(line);
    }

    private @Nullable String createdId(HttpMethod method, RecordedExchange recorded) {
        if (!HttpMethod.POST.equals(method) || recorded.status() != 201) {
            return null;
        }
        JsonNode response = parse(recorded.responseBody());
        return response != null && response.path("id").isString() ? response.path("id").stringValue() : null;
    }

    private @Nullable JsonNode parse(byte[] bytes) {
        if (bytes.length == 0) {
            return null;
        }
        try {
            return json.readTree(bytes);
        } catch (JacksonException e) {
            return null;
        }
    }

    private static String encode(Map<String, String> parameters) {
        return parameters.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8).replace("+", "%20") + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8).replace("+", "%20"))
                .collect(Collectors.joining("&"));
    }

    /** Builds the filter and its writer; only configuration calls this. */
    public static CaptureFilter create(Set<String> tenants, java.nio.file.Path dir, long maxFileBytes, int maxFiles,
            byte[] pseudonymKey, ScimErrorHandler errors, JsonMapper json, Clock clock, int maxBodyBytes,
            io.micrometer.core.instrument.MeterRegistry meters) {
        return new CaptureFilter(tenants, new CaptureWriter(dir, maxFileBytes, maxFiles, meters), new Pseudonyms(pseudonymKey),
                errors, json, clock, maxBodyBytes);
    }

    /** Waits until every captured line is on disk. */
    public void flush() throws InterruptedException {
        writer.flush();
    }

    public void close() throws InterruptedException {
        writer.close();
    }

}
