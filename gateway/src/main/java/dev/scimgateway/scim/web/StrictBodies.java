package dev.scimgateway.scim.web;

import dev.scimgateway.edge.Endpoint;
import dev.scimgateway.edge.RequestContext;
import dev.scimgateway.scim.protocol.AttributeTraits;
import dev.scimgateway.scim.protocol.compat.ClientQuirks;
import java.util.function.Function;
import org.springframework.web.reactive.function.server.ServerRequest;
import reactor.core.publisher.Mono;
import tools.jackson.databind.node.ObjectNode;

/**
 * The body of a write to {@code /Users} or {@code /Groups}, rewritten into strict RFC form before
 * any handler reads it: a resource for POST and PUT, a PatchOp for PATCH (see {@link ClientQuirks}).
 * Other bodies (SearchRequests, whose parameters {@link ScimQuery} rewrites) pass as they came.
 */
public final class StrictBodies {

    private static final String ID = "id";

    private final Function<ServerRequest, Mono<? extends AttributeTraits>> schemas;

    /** @param schemas the schemas of the resource type a request writes, as its tenant registered them */
    public StrictBodies(Function<ServerRequest, Mono<? extends AttributeTraits>> schemas) {
        this.schemas = schemas;
    }

    Mono<ObjectNode> of(ServerRequest request, ObjectNode body) {
        if (RequestContext.of(request.exchange()).endpoint() != Endpoint.RESOURCE) {
            return Mono.just(body);
        }
        String id = request.pathVariables().get(ID);
        return schemas.apply(request)
                .map(traits -> ClientQuirks.body(request.method().name(), body, traits, id))
                .defaultIfEmpty(body);
    }
}
