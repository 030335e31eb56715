package dev.scimgateway.tenancy;

import dev.scimgateway.scim.protocol.ScimException;
import dev.scimgateway.scim.schema.ExtensionSchemas;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.node.ObjectNode;

/**
 * A tenant's extension schemas as the admin API and the console manage them: listed as
 * registered, registered (checked strictly first) or removed, and the tenant's catalog reloaded
 * on this replica at once. Values already stored under a removed extension stay in the database
 * but are no longer returned.
 */
public final class ExtensionSchemaRegistry {

    private final TenantStore tenants;
    private final TenantSchemaStore schemas;
    private final TenantSchemas catalogs;

    public ExtensionSchemaRegistry(TenantStore tenants, TenantSchemaStore schemas, TenantSchemas catalogs) {
        this.tenants = tenants;
        this.schemas = schemas;
        this.catalogs = catalogs;
    }

    /** The documents as registered; 404 for an unknown tenant. */
    public Flux<ObjectNode> list(String tenantId) {
        return tenants.requireTenant(tenantId).thenMany(schemas.list(tenantId));
    }

    /**
     * Registers the document under {@code urn}, its {@code id} (set from the URN when it has none,
     * and equal to it otherwise; null takes the document's own). The document is read only once
     * the tenant is known, so an unknown tenant is a 404 whatever was sent. Emits the document as
     * registered, and whether it was new.
     */
    public Mono<Registration> register(String tenantId, @Nullable String urn, Mono<ObjectNode> document) {
        return tenants.requireTenant(tenantId)
                .then(document)
                .flatMap(body -> Mono.fromCallable(() -> registration(body, urn == null ? body.path("id").asString() : urn))
                        .flatMap(registered -> schemas.put(tenantId, registered.schema().id(), registered.resourceType(), body))
                        .map(created -> {
                            catalogs.invalidate(tenantId);
                            return new Registration(body, created);
                        }));
    }

    /** @param created true when the schema was new, false when it replaced one with the same URN */
    public record Registration(ObjectNode document, boolean created) {}

    /** 404 when the tenant has no such schema. */
    public Mono<Void> remove(String tenantId, String urn) {
        return tenants.requireTenant(tenantId)
                .then(schemas.delete(tenantId, urn))
                .flatMap(deleted -> {
                    if (!deleted) {
                        return Mono.error(ScimException.notFound("Tenant '" + tenantId + "' has no schema '" + urn + "'"));
                    }
                    catalogs.invalidate(tenantId);
                    return Mono.empty();
                });
    }

    private static ExtensionSchemas.Registered registration(ObjectNode body, String urn) {
        if (!body.has("id")) {
            body.put("id", urn);
        }
        if (!urn.equalsIgnoreCase(body.path("id").asString())) {
            throw ScimException.invalidValue("The schema 'id' (" + body.path("id").asString()
                    + ") must equal the URN in the path (" + urn + ")");
        }
        return ExtensionSchemas.parse(body);
    }
}
