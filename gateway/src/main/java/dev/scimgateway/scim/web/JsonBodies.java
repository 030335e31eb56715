package dev.scimgateway.scim.web;

import dev.scimgateway.scim.protocol.ScimException;
import org.jspecify.annotations.Nullable;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.web.reactive.function.server.ServerRequest;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads a request body as one JSON object, within the size limit, with errors a client can act on;
 * the SCIM endpoints' reader then hands it over in strict form ({@link StrictBodies}).
 */
public final class JsonBodies {

    private final JsonMapper json;
    private final int maxBytes;
    private final @Nullable StrictBodies strict;

    /** A reader for bodies that are no SCIM resources, such as the admin API's. */
    public JsonBodies(JsonMapper json, int maxBytes) {
        this(json, maxBytes, null);
    }

    private JsonBodies(JsonMapper json, int maxBytes, @Nullable StrictBodies strict) {
        this.json = json;
        this.maxBytes = maxBytes;
        this.strict = strict;
    }

    /** The same reader for the SCIM endpoints: bodies of writes are handed on in strict form. */
    public JsonBodies inStrictForm(StrictBodies strict) {
        return new JsonBodies(json, maxBytes, strict);
    }

    public Mono<ObjectNode> readObject(ServerRequest request) {
        Mono<ObjectNode> body = read(request);
        StrictBodies rewrite = strict;
        return rewrite == null ? body : body.flatMap(object -> rewrite.of(request, object));
    }

    private Mono<ObjectNode> read(ServerRequest request) {
        return DataBufferUtils.join(ScimMediaTypes.jsonBody(request), maxBytes)
                .onErrorMap(DataBufferLimitException.class, e -> ScimException.payloadTooLarge(
                        "The request body is larger than the limit of " + maxBytes + " bytes"))
                .switchIfEmpty(Mono.error(() -> ScimException.invalidSyntax("The request body is empty; send a JSON object")))
                // Not handle(): Reactor restores the request's thread locals (log fields, observation) around every
                // handle, which was 3 % of a create's CPU; a scalar Mono in flatMap costs nothing of the kind.
                .flatMap(buffer -> {
                    try {
                        return Mono.just(parse(buffer));
                    } catch (ScimException e) {
                        return Mono.error(e);
                    } finally {
                        DataBufferUtils.release(buffer);
                    }
                });
    }

    private ObjectNode parse(DataBuffer buffer) {
        JsonNode node;
        try (var in = buffer.asInputStream()) {
            node = json.readTree(in);
        } catch (JacksonException e) {
            throw ScimException.invalidSyntax(JsonSyntaxErrors.describe("The body", e));
        } catch (java.io.IOException e) {
            throw ScimException.invalidSyntax("The body could not be read");
        }
        if (node == null || !node.isObject()) {
            throw ScimException.invalidSyntax("The body must be a JSON object");
        }
        return (ObjectNode) node;
    }
}
