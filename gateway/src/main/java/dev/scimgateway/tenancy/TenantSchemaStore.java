package dev.scimgateway.tenancy;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.node.ObjectNode;

/** Where tenants' extension schema documents are kept, as registered. */
public interface TenantSchemaStore {

    /** Emits true when the schema was new, false when it replaced one with the same URN. */
    Mono<Boolean> put(String tenantId, String urn, String resourceType, ObjectNode definition);

    Flux<ObjectNode> list(String tenantId);

    /** Emits false when the tenant has no such schema. */
    Mono<Boolean> delete(String tenantId, String urn);
}
