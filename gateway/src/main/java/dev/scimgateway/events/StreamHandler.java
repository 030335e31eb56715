package dev.scimgateway.events;

import dev.scimgateway.crypto.SigningKeys;
import dev.scimgateway.edge.RequestContext;
import dev.scimgateway.scim.protocol.ScimException;
import dev.scimgateway.scim.web.JsonBodies;
import java.util.UUID;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The transmitter's metadata and keys (for anyone), and the SSF 1.0 stream management API: the
 * configuration endpoint and the status endpoint, for a token of the tenant with the scope
 * {@code events}. A stream is looked up with the caller's tenant only, so another tenant's stream is
 * as absent as one that never existed (404).
 */
public final class StreamHandler {

    private final StreamStore streams;
    private final StreamConfigs configs;
    private final SigningKeys keys;
    private final JsonBodies bodies;
    private final JsonMapper json;
    private final Function<ServerRequest, String> issuerOf;
    private final boolean pushSupported;

    public StreamHandler(StreamStore streams, SigningKeys keys, JsonBodies bodies, JsonMapper json,
            Function<ServerRequest, String> issuerOf, boolean pushSupported) {
        this.streams = streams;
        this.configs = new StreamConfigs(json, pushSupported);
        this.keys = keys;
        this.bodies = bodies;
        this.json = json;
        this.issuerOf = issuerOf;
        this.pushSupported = pushSupported;
    }

    public RouterFunction<ServerResponse> routes() {
        return RouterFunctions.route()
                .GET(FeedPaths.METADATA, this::metadata)
                .GET(FeedPaths.JWKS, request -> ServerResponse.ok().contentType(MediaType.APPLICATION_JSON)
                        .bodyValue(keys.jwks()))
                .POST(FeedPaths.STREAMS, this::create)
                .GET(FeedPaths.STREAMS, this::read)
                .PATCH(FeedPaths.STREAMS, request -> update(request, false))
                .PUT(FeedPaths.STREAMS, request -> update(request, true))
                .DELETE(FeedPaths.STREAMS, this::delete)
                .GET(FeedPaths.STATUS, this::status)
                .POST(FeedPaths.STATUS, this::setStatus)
                .build();
    }

    /** SSF 1.0 §7.1. */
    private Mono<ServerResponse> metadata(ServerRequest request) {
        String issuer = issuerOf.apply(request);
        ObjectNode out = json.createObjectNode();
        out.put("spec_version", "1_0");
        out.put("issuer", issuer);
        out.put("jwks_uri", issuer + FeedPaths.JWKS);
        ArrayNode methods = out.putArray("delivery_methods_supported");
        if (pushSupported) {
            methods.add(EventStream.PUSH);
        }
        methods.add(EventStream.POLL);
        out.put("configuration_endpoint", issuer + FeedPaths.STREAMS);
        out.put("status_endpoint", issuer + FeedPaths.STATUS);
        // A tenant token with the scope 'events', sent as a Bearer token (RFC 6750).
        out.putArray("authorization_schemes").addObject().put("spec_urn", "urn:ietf:rfc:6750");
        // Every change of the tenant goes on every stream of the tenant; there is no subject list to manage.
        out.put("default_subjects", "ALL");
        return ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).bodyValue(out);
    }

    private Mono<ServerResponse> create(ServerRequest request) {
        String tenant = tenant(request);
        return bodies.readObject(request)
                .map(body -> configs.create(tenant, issuerOf.apply(request), body))
                .flatMap(streams::create)
                .flatMap(stream -> answer(HttpStatus.CREATED, configs.render(stream)));
    }

    /** With {@code stream_id}: that stream; without: every stream of the tenant (SSF 1.0 §8.1.1.2). */
    private Mono<ServerResponse> read(ServerRequest request) {
        String tenant = tenant(request);
        if (request.queryParam("stream_id").isEmpty()) {
            return streams.list(tenant).map(configs::render).collectList().flatMap(all -> {
                ArrayNode array = json.createArrayNode();
                all.forEach(array::add);
                return answer(HttpStatus.OK, array);
            });
        }
        return find(tenant, request.queryParam("stream_id").orElse(null))
                .flatMap(stream -> answer(HttpStatus.OK, configs.render(stream)));
    }

    private Mono<ServerResponse> update(ServerRequest request, boolean replace) {
        String tenant = tenant(request);
        return bodies.readObject(request).flatMap(body -> find(tenant, requiredStreamId(body))
                .map(stream -> configs.update(stream, body, replace))
                .flatMap(streams::configure)
                .switchIfEmpty(Mono.error(() -> noStream(text(body, "stream_id"))))
                .flatMap(stream -> answer(HttpStatus.OK, configs.render(stream))));
    }

    private Mono<ServerResponse> delete(ServerRequest request) {
        String tenant = tenant(request);
        String streamId = request.queryParam("stream_id").orElse(null);
        return id(streamId).flatMap(id -> streams.delete(tenant, id))
                .filter(Boolean::booleanValue)
                .switchIfEmpty(Mono.error(() -> noStream(streamId)))
                .then(ServerResponse.noContent().cacheControl(CacheControl.noStore()).build());
    }

    private Mono<ServerResponse> status(ServerRequest request) {
        return find(tenant(request), request.queryParam("stream_id").orElse(null))
                .flatMap(stream -> answer(HttpStatus.OK, configs.renderStatus(stream)));
    }

    /** A receiver pauses, resumes or disables its stream (SSF 1.0 §8.1.2.2). */
    private Mono<ServerResponse> setStatus(ServerRequest request) {
        String tenant = tenant(request);
        return bodies.readObject(request).flatMap(body -> {
            String wire = text(body, "status");
            EventStream.Status status = wire == null ? null : EventStream.Status.of(wire).orElse(null);
            if (status == null) {
                return Mono.error(ScimException.invalidValue("'status' must be one of enabled, paused, disabled"));
            }
            String streamId = requiredStreamId(body);
            return id(streamId).flatMap(id -> streams.status(tenant, id, status, text(body, "reason")))
                    .switchIfEmpty(Mono.error(() -> noStream(streamId)))
                    .flatMap(stream -> answer(HttpStatus.OK, configs.renderStatus(stream)));
        });
    }

    private Mono<EventStream> find(String tenant, @Nullable String streamId) {
        if (streamId == null) {
            return Mono.error(ScimException.invalidValue("'stream_id' is required"));
        }
        return id(streamId).flatMap(id -> streams.find(tenant, id)).switchIfEmpty(Mono.error(() -> noStream(streamId)));
    }

    private static Mono<UUID> id(@Nullable String streamId) {
        return Mono.justOrEmpty(EventStream.idOf(streamId));
    }

    private static String requiredStreamId(ObjectNode body) {
        String streamId = text(body, "stream_id");
        if (streamId == null) {
            throw ScimException.invalidValue("'stream_id' is required");
        }
        return streamId;
    }

    private static @Nullable String text(ObjectNode body, String name) {
        JsonNode value = body.get(name);
        return value != null && value.isString() ? value.stringValue() : null;
    }

    static ScimException noStream(@Nullable String streamId) {
        return ScimException.notFound("No event stream '" + streamId + "' for this token's tenant");
    }

    private Mono<ServerResponse> answer(HttpStatus status, JsonNode body) {
        return ServerResponse.status(status).contentType(MediaType.APPLICATION_JSON).cacheControl(CacheControl.noStore())
                .bodyValue(body);
    }

    static String tenant(ServerRequest request) {
        return RequestContext.tenantOf(request.exchange()).tenantId();
    }
}
