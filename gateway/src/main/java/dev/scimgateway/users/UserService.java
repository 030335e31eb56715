package dev.scimgateway.users;

import dev.scimgateway.observability.ProvisioningMetrics;
import dev.scimgateway.scim.protocol.list.ListPage;
import dev.scimgateway.scim.protocol.list.ListQuery;
import dev.scimgateway.scim.protocol.ResourceRecord;
import dev.scimgateway.scim.protocol.ScimException;
import dev.scimgateway.scim.protocol.SortedRecord;
import dev.scimgateway.scim.protocol.patch.PatchEngine;
import dev.scimgateway.scim.protocol.patch.PatchRequest;
import dev.scimgateway.scim.schema.ResourceValidator;
import dev.scimgateway.scim.schema.SchemaRegistry;
import dev.scimgateway.scim.web.Preconditions;
import java.time.Clock;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.node.ObjectNode;

/** Users of one tenant: validation, identity and versioning around the store. */
public final class UserService {

    private final UserStore store;
    private final Clock clock;
    private final ProvisioningMetrics metrics;

    public UserService(UserStore store, Clock clock, ProvisioningMetrics metrics) {
        this.store = store;
        this.clock = clock;
        this.metrics = metrics;
    }

    public Mono<ResourceRecord> create(String tenantId, SchemaRegistry schemas, ObjectNode body) {
        return Mono.fromCallable(() -> new ResourceValidator(schemas).validate(body)).flatMap(attributes -> {
            return store.insert(tenantId, ResourceRecord.newResource(attributes, clock.instant()))
                    .doOnNext(created -> metrics.usersCreated(tenantId, 1));
        });
    }

    public Mono<ResourceRecord> get(String tenantId, UUID id) {
        return store.find(tenantId, id).switchIfEmpty(Mono.error(() -> notFound(id)));
    }

    /** PUT replaces everything the client owns; it never creates (RFC 7644 §3.5.1). */
    public Mono<ResourceRecord> replace(String tenantId, SchemaRegistry schemas, UUID id, ObjectNode body,
            @Nullable Long expectedVersion) {
        return Mono.fromCallable(() -> new ResourceValidator(schemas).validate(body))
                .flatMap(attributes -> store.replace(tenantId, id, attributes, expectedVersion))
                .switchIfEmpty(Mono.error(() -> notFound(id)));
    }

    /** Applies all operations or none, under the user's row lock, so concurrent PATCHes never lose an update. */
    public Mono<ResourceRecord> patch(String tenantId, SchemaRegistry schemas, UUID id, ObjectNode body,
            @Nullable Long expectedVersion) {
        return Mono.fromCallable(() -> PatchRequest.parse(body)).flatMap(request -> store.modify(tenantId, id, current -> {
                    Preconditions.requireVersion(current, expectedVersion, "user");
                    return new ResourceValidator(schemas).validate(
                            new PatchEngine(schemas).apply(current.attributes(), request.operations(), id.toString()));
                }))
                .switchIfEmpty(Mono.error(() -> notFound(id)));
    }

    public Mono<Void> delete(String tenantId, UUID id, @Nullable Long expectedVersion) {
        return store.delete(tenantId, id, expectedVersion)
                .flatMap(deleted -> deleted ? Mono.<Void>empty() : Mono.error(notFound(id)));
    }

    public Mono<ListPage<ResourceRecord>> list(String tenantId, SchemaRegistry schemas, ListQuery query) {
        return store.list(tenantId, query, schemas);
    }

    /** See {@link UserStore#sorted}. */
    public Flux<SortedRecord> sorted(String tenantId, SchemaRegistry schemas, ListQuery query) {
        return store.sorted(tenantId, query, schemas);
    }

    private static ScimException notFound(UUID id) {
        return ScimException.notFound("User '" + id + "' not found");
    }
}
