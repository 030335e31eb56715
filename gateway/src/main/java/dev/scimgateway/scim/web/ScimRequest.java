package dev.scimgateway.scim.web;

import dev.scimgateway.scim.schema.SchemaRegistry;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.web.reactive.function.server.ServerRequest;
import reactor.core.publisher.Mono;

/**
 * What a SCIM request says before its body is read: the tenant, the query parameters, the
 * resource id of the path, the version an {@code If-Match} demands, and the schemas of the tenant. Parsed in one place, and
 * emitted as a signal so that a malformed request becomes an error signal, not a throw mid-chain.
 */
public record ScimRequest(String tenantId, SchemaRegistry registry, ScimQuery query, @Nullable UUID id,
        @Nullable Long expectedVersion) {

    /** Parses the request; the id is read from the {@code {id}} path variable when the route has one. */
    public static Mono<ScimRequest> of(ServerRequest request, String tenantId, SchemaRegistry registry,
            ScimQuery.Settings settings) {
        return Mono.fromCallable(() -> new ScimRequest(tenantId, registry,
                ScimQuery.parse(request.uri().getRawQuery(), tenantId, registry, settings),
                request.pathVariables().containsKey("id")
                        ? ResourceIds.parse(request.pathVariable("id"), registry.resourceType().name())
                        : null,
                Preconditions.expectedVersion(request)));
    }

    /** The id of an item route; only item routes call this. */
    public UUID requiredId() {
        if (id == null) {
            throw new IllegalStateException("collection route asked for an id");
        }
        return id;
    }
}
