package dev.scimgateway.groups;

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
import dev.scimgateway.observability.ProvisioningMetrics;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Groups of one tenant. Membership never travels through the document: it is a set change
 * applied in SQL, and member ids that name no user of the tenant are skipped, logged and counted
 * rather than failing the push (the IdP would not retry it).
 */
public final class GroupService {

    private static final Logger log = LoggerFactory.getLogger(GroupService.class);

    private final GroupStore store;
    private final Clock clock;
    private final ProvisioningMetrics metrics;

    public GroupService(GroupStore store, Clock clock, ProvisioningMetrics metrics) {
        this.store = store;
        this.clock = clock;
        this.metrics = metrics;
    }

    public Mono<ResourceRecord> create(String tenantId, SchemaRegistry schemas, ObjectNode body) {
        return Mono.fromCallable(() -> withoutMembers(new ResourceValidator(schemas).validate(body))).flatMap(parsed -> {
            var group = ResourceRecord.newResource(parsed.attributes(), clock.instant());
            return store.insert(tenantId, group, parsed.members())
                    .doOnNext(write -> metrics.groupsCreated(tenantId, 1))
                    .map(write -> report(tenantId, write, parsed.unknown()));
        });
    }

    public Mono<GroupView> get(String tenantId, UUID id, boolean withMembers) {
        return store.find(tenantId, id, withMembers).switchIfEmpty(Mono.error(() -> notFound(id)));
    }

    public Mono<ResourceRecord> replace(String tenantId, SchemaRegistry schemas, UUID id, ObjectNode body,
            @Nullable Long expectedVersion) {
        return Mono.fromCallable(() -> withoutMembers(new ResourceValidator(schemas).validate(body)))
                .flatMap(parsed -> store.update(tenantId, id, parsed.attributes(), parsed.members(), expectedVersion)
                        .map(write -> report(tenantId, write, parsed.unknown())))
                .switchIfEmpty(Mono.error(() -> notFound(id)));
    }

    public Mono<ResourceRecord> patch(String tenantId, SchemaRegistry schemas, UUID id, ObjectNode body,
            @Nullable Long expectedVersion) {
        return Mono.fromCallable(() -> MembershipOperations.split(PatchRequest.parse(body).operations()))
                .flatMap(split -> (split.attributeOperations().isEmpty()
                                ? store.update(tenantId, id, null, split.members(), expectedVersion)
                                : patchAttributes(tenantId, schemas, id, split, expectedVersion))
                        .map(write -> report(tenantId, write, split.unknownMembers())))
                .switchIfEmpty(Mono.error(() -> notFound(id)));
    }

    /** Attribute changes need the current document: it is read and written under the group's row lock. */
    private Mono<GroupWrite> patchAttributes(String tenantId, SchemaRegistry schemas, UUID id, MembershipOperations.Split split,
            @Nullable Long expectedVersion) {
        return store.modify(tenantId, id, current -> {
            Preconditions.requireVersion(current, expectedVersion, "group");
            return new ResourceValidator(schemas).validate(
                    new PatchEngine(schemas).apply(current.attributes(), split.attributeOperations(), id.toString()));
        }, split.members());
    }

    public Mono<Void> delete(String tenantId, UUID id, @Nullable Long expectedVersion) {
        return store.delete(tenantId, id, expectedVersion)
                .flatMap(deleted -> deleted ? Mono.<Void>empty() : Mono.error(notFound(id)));
    }

    public Mono<ListPage<GroupView>> list(String tenantId, SchemaRegistry schemas, ListQuery query, boolean withMembers) {
        return store.list(tenantId, query, schemas, withMembers);
    }

    /** See {@link GroupStore#sorted}. */
    public Flux<SortedRecord> sorted(String tenantId, SchemaRegistry schemas, ListQuery query) {
        return store.sorted(tenantId, query, schemas);
    }

    /** See {@link GroupStore#views}. */
    public Mono<List<GroupView>> views(String tenantId, List<ResourceRecord> groups, boolean withMembers) {
        return store.views(tenantId, groups, withMembers);
    }

    private record ParsedGroup(ObjectNode attributes, MembershipChange members, List<String> unknown) {}

    private static ParsedGroup withoutMembers(ObjectNode attributes) {
        JsonNode members = attributes.remove("members");
        List<String> unknown = new ArrayList<>();
        return new ParsedGroup(attributes, MembershipOperations.fromBody(members, unknown), unknown);
    }

    private ResourceRecord report(String tenantId, GroupWrite write, List<String> unparseable) {
        metrics.membershipsAdded(tenantId, write.membersAdded());
        int skipped = write.skippedMembers().size() + unparseable.size();
        if (skipped > 0) {
            metrics.membersSkipped(tenantId, skipped);
            log.info("Group {} of tenant {}: skipped {} member id(s) that name no user of the tenant", write.record().id(),
                    tenantId, skipped);
            log.debug("Skipped member ids: {} {}", write.skippedMembers(), unparseable);
        }
        return write.record();
    }

    private static ScimException notFound(UUID id) {
        return ScimException.notFound("Group '" + id + "' not found");
    }
}
