package dev.scimgateway.resources;

import dev.scimgateway.scim.protocol.list.ListPage;
import dev.scimgateway.scim.protocol.list.ListQuery;
import dev.scimgateway.scim.protocol.ResourceRecord;
import dev.scimgateway.scim.protocol.SortedRecord;
import dev.scimgateway.scim.schema.SchemaRegistry;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.node.ObjectNode;

/**
 * The persistence one resource type needs. Every method is scoped to one tenant; errors arrive as
 * {@code ScimException} signals (409 uniqueness, 412 version mismatch, 503 database unavailable).
 * A type with members (groups; a member is a user or a group) changes them as sets, in the
 * transaction of its row, never by reading or rewriting the member list; member ids that name no
 * user or group of the tenant are skipped and reported back, never an error, and a change that
 * would make a group contain itself fails with 400 invalidValue. A type without members is always
 * given {@link MembershipChange#unchanged()}; its views may still carry membership read from the
 * other side (a user's groups).
 */
public interface ResourceStore {

    Mono<StoredWrite> insert(String tenantId, ResourceRecord resource, MembershipChange members);

    /** Empty when the tenant has no such resource. */
    Mono<ResourceView> find(String tenantId, UUID id, boolean withMembers);

    /**
     * Writes new attributes (when not null) and a membership change, bumping the version if either
     * changed anything; a write that changes nothing writes no row and answers the record as it is
     * (RFC 7644 §3.5.2.1). Empty when the resource does not exist; 412 when {@code expectedVersion}
     * is set and stale.
     */
    Mono<StoredWrite> update(String tenantId, UUID id, @Nullable ObjectNode attributes, MembershipChange members,
            @Nullable Long expectedVersion);

    /**
     * Read-modify-write under the row lock: {@code change} sees the current record and returns the
     * new attributes (or throws a ScimException, which leaves the resource unchanged), and the
     * membership change goes into the same transaction. Concurrent writers take turns, so none
     * loses its update and none is refused. New attributes equal to the current ones and a
     * membership change that adds or removes no row write nothing. Empty when there is no such resource.
     */
    Mono<StoredWrite> modify(String tenantId, UUID id, Function<ResourceRecord, ObjectNode> change,
            MembershipChange members);

    /** Emits false when the resource does not exist; its memberships go with it. */
    Mono<Boolean> delete(String tenantId, UUID id, @Nullable Long expectedVersion);

    /** The schemas decide what the filter's attributes are and where their values live. */
    Mono<ListPage<ResourceView>> list(String tenantId, ListQuery query, SchemaRegistry schemas, boolean withMembers);

    /**
     * The resources of an index page, streamed with the values they sort by, strings in code-point
     * order, so that they merge with another type's sorted the same way; no members, no total.
     */
    Flux<SortedRecord> sorted(String tenantId, ListQuery query, SchemaRegistry schemas);

    /** Resources already read, as views, with their membership (one query for all) when asked for. */
    Mono<List<ResourceView>> views(String tenantId, List<ResourceRecord> resources, boolean withMembers);
}
