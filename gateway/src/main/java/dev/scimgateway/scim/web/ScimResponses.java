package dev.scimgateway.scim.web;

import dev.scimgateway.edge.BasePaths;
import java.net.URI;
import dev.scimgateway.scim.protocol.list.ListPage;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Builds SCIM responses: the negotiated media type, ETag and Location headers, list envelopes. */
public final class ScimResponses {

    public static final String LIST_RESPONSE = "urn:ietf:params:scim:api:messages:2.0:ListResponse";

    private final JsonMapper json;
    private final @Nullable String publicBaseUrl;

    public ScimResponses(JsonMapper json, @Nullable String publicBaseUrl) {
        this.json = json;
        this.publicBaseUrl = publicBaseUrl == null || publicBaseUrl.isBlank() ? null : stripSlash(publicBaseUrl);
    }

    /** The SCIM base URL as the client reaches it, e.g. {@code https://scim.example.com/scim/v2}. */
    public String baseUrl(ServerRequest request) {
        return origin(request) + BasePaths.SCIM;
    }

    /**
     * The gateway's public origin, e.g. {@code https://scim.example.com}: the issuer of the change
     * feed's SETs and of the OAuth authorization server.
     */
    public String origin(ServerRequest request) {
        if (publicBaseUrl != null) {
            return publicBaseUrl;
        }
        URI uri = request.uri();
        String port = uri.getPort() < 0 ? "" : ":" + uri.getPort();
        return uri.getScheme() + "://" + uri.getHost() + port;
    }

    /**
     * Rendered to bytes here rather than by the WebFlux codec: the bytes are what a keyed create
     * keeps ({@link #prepared}), so both answers take one path, and the codec's writer lookup,
     * hints and logging checks, which came on top of the same Jackson work, are left out.
     */
    public Mono<ServerResponse> resource(ServerRequest request, HttpStatus status, ObjectNode body, String etag) {
        return send(prepared(request, status, body, etag));
    }

    /** What {@link #resource} answers, as bytes: for an answer that is kept before it is sent ({@link #send}). */
    public StoredResponse prepared(ServerRequest request, HttpStatus status, ObjectNode body, String etag) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(HttpHeaders.CONTENT_TYPE, ScimMediaTypes.responseType(request.headers().asHttpHeaders()).toString());
        headers.put(HttpHeaders.ETAG, etag);
        String location = location(status, body);
        if (location != null) {
            headers.put(HttpHeaders.LOCATION, location);
        }
        return new StoredResponse(status.value(), headers, json.writeValueAsBytes(body));
    }

    public Mono<ServerResponse> send(StoredResponse prepared) {
        return ServerResponse.status(prepared.status()).headers(headers -> prepared.headers().forEach(headers::set))
                .bodyValue(prepared.body());
    }

    /** A create answers with the new resource's location. */
    private static @Nullable String location(HttpStatus status, ObjectNode body) {
        JsonNode location = body.path("meta").path("location");
        return status == HttpStatus.CREATED && location.isString() ? location.stringValue() : null;
    }

    public Mono<ServerResponse> document(ServerRequest request, ObjectNode body) {
        return ServerResponse.ok().contentType(ScimMediaTypes.responseType(request.headers().asHttpHeaders()))
                .bodyValue(json.writeValueAsBytes(body));
    }

    /** A ListResponse; cursor pages carry {@code nextCursor} (RFC 9865) instead of {@code startIndex}. */
    public Mono<ServerResponse> list(ServerRequest request, ScimQuery query, List<ObjectNode> resources, ListPage<?> page,
            @Nullable String nextCursor) {
        ObjectNode body = json.createObjectNode();
        body.putArray("schemas").add(LIST_RESPONSE);
        body.put("totalResults", page.totalResults());
        if (!query.list().cursorPaging()) {
            body.put("startIndex", page.startIndex());
        }
        body.put("itemsPerPage", resources.size());
        if (nextCursor != null) {
            body.put("nextCursor", nextCursor);
        }
        ArrayNode array = body.putArray("Resources");
        resources.forEach(array::add);
        return document(request, body);
    }

    /** A write that answers without a body still tells the client its new version. */
    public Mono<ServerResponse> noContent(String etag) {
        return ServerResponse.noContent().header(HttpHeaders.ETAG, etag).build();
    }

    public Mono<ServerResponse> notModified(String etag) {
        return ServerResponse.status(HttpStatus.NOT_MODIFIED).header(HttpHeaders.ETAG, etag).build();
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
