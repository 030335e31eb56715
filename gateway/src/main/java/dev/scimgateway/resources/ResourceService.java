package dev.scimgateway.resources;

import dev.scimgateway.observability.LogFields;
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
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.node.ObjectNode;

/**
 * Resources of one tenant, of any type: validation, identity and versioning around the type's
 * store. Single requests, /Bulk operations and NDJSON lines all come here. Membership never
 * travels through the document: it is a set change applied in SQL, and member ids that name no
 * user or group of the tenant are skipped, logged and counted rather than failing the push (the
 * IdP would not retry it).
 */
public final class ResourceService {

    private static final Logger log = LoggerFactory.getLogger(ResourceService.class);

    private final Clock clock;
    private final ProvisioningMetrics metrics;

    public ResourceService(Clock clock, ProvisioningMetrics metrics) {
        this.clock = clock;
        this.metrics = metrics;
    }

    public Mono<ResourceRecord> create(ResourceKind kind, String tenantId, SchemaRegistry schemas, ObjectNode body) {
        return Mono.fromCallable(() -> kind.fromBody(new ResourceValidator(schemas).validate(body)))
                .flatMap(parsed -> kind.store()
                        .insert(tenantId, ResourceRecord.newResource(parsed.attributes(), clock.instant()), parsed.members())
                        .doOnNext(write -> kind.countCreated(metrics, tenantId))
                        .flatMap(write -> reported(kind, tenantId, write, parsed.unknownMembers())));
    }

    public Mono<ResourceView> get(ResourceKind kind, String tenantId, UUID id, boolean withMembers) {
        return kind.store().find(tenantId, id, withMembers).switchIfEmpty(Mono.error(() -> notFound(kind, id)));
    }

    /** PUT replaces everything the client owns; it never creates (RFC 7644 §3.5.1). */
    public Mono<ResourceRecord> replace(ResourceKind kind, String tenantId, SchemaRegistry schemas, UUID id,
            ObjectNode body, @Nullable Long expectedVersion) {
        return Mono.fromCallable(() -> kind.fromBody(new ResourceValidator(schemas).validate(body)))
                .flatMap(parsed -> kind.store()
                        .update(tenantId, id, parsed.attributes(), parsed.members(), expectedVersion)
                        .flatMap(write -> reported(kind, tenantId, write, parsed.unknownMembers())))
                .switchIfEmpty(Mono.error(() -> notFound(kind, id)));
    }

    /**
     * Applies all operations or none. Document operations are applied under the resource's row
     * lock, so concurrent PATCHes never lose an update; a PATCH of members only is set-based SQL
     * that never reads the document or the member list.
     */
    public Mono<ResourceRecord> patch(ResourceKind kind, String tenantId, SchemaRegistry schemas, UUID id,
            ObjectNode body, @Nullable Long expectedVersion) {
        return Mono.fromCallable(() -> kind.fromPatch(PatchRequest.parse(body).operations()))
                .flatMap(patch -> (patch.attributeOperations().isEmpty()
                                ? kind.store().update(tenantId, id, null, patch.members(), expectedVersion)
                                : kind.store().modify(tenantId, id, current -> {
                                    Preconditions.requireVersion(current, expectedVersion, noun(kind));
                                    return new ResourceValidator(schemas).validate(new PatchEngine(schemas)
                                            .apply(current.attributes(), patch.attributeOperations(), id.toString()));
                                }, patch.members()))
                        .flatMap(write -> reported(kind, tenantId, write, patch.unknownMembers())))
                .switchIfEmpty(Mono.error(() -> notFound(kind, id)));
    }

    public Mono<Void> delete(ResourceKind kind, String tenantId, UUID id, @Nullable Long expectedVersion) {
        return kind.store().delete(tenantId, id, expectedVersion)
                .flatMap(deleted -> deleted ? Mono.<Void>empty() : Mono.error(notFound(kind, id)));
    }

    public Mono<ListPage<ResourceView>> list(ResourceKind kind, String tenantId, SchemaRegistry schemas, ListQuery query,
            boolean withMembers) {
        return kind.store().list(tenantId, query, schemas, withMembers);
    }

    /** See {@link ResourceStore#sorted}. */
    public Flux<SortedRecord> sorted(ResourceKind kind, String tenantId, SchemaRegistry schemas, ListQuery query) {
        return kind.store().sorted(tenantId, query, schemas);
    }

    /** See {@link ResourceStore#views}. */
    public Mono<List<ResourceView>> views(ResourceKind kind, String tenantId, List<ResourceRecord> resources,
            boolean withMembers) {
        return kind.store().views(tenantId, resources, withMembers);
    }

    /**
     * Counts the write, and logs skipped members through {@link LogFields#logged}, which restores the
     * request's log fields: only then, since restoring them on every write was measurable CPU.
     */
    private Mono<ResourceRecord> reported(ResourceKind kind, String tenantId, StoredWrite write, List<String> unparseable) {
        metrics.membershipsAdded(tenantId, write.membersAdded());
        int skipped = write.skippedMembers().size() + unparseable.size();
        if (skipped == 0) {
            return Mono.just(write.record());
        }
        metrics.membersSkipped(tenantId, skipped);
        return LogFields.logged(() -> {
            log.info("{} {} of tenant {}: skipped {} member id(s) that name no user or group of the tenant",
                    kind.definition().name(), write.record().id(), tenantId, skipped);
            log.debug("Skipped member ids: {} {}", write.skippedMembers(), unparseable);
        }).thenReturn(write.record());
    }

    private static String noun(ResourceKind kind) {
        return kind.definition().name().toLowerCase(Locale.ROOT);
    }

    private static ScimException notFound(ResourceKind kind, UUID id) {
        return ScimException.notFound(kind.definition().name() + " '" + id + "' not found");
    }
}
