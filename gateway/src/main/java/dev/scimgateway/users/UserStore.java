package dev.scimgateway.users;

import dev.scimgateway.scim.protocol.list.ListPage;
import dev.scimgateway.scim.protocol.list.ListQuery;
import dev.scimgateway.scim.protocol.ResourceRecord;
import dev.scimgateway.scim.protocol.SortedRecord;
import dev.scimgateway.scim.schema.SchemaRegistry;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The persistence users need. Every method is scoped to one tenant; errors arrive as
 * {@code ScimException} signals (409 uniqueness, 412 version mismatch, 503 database unavailable).
 */
public interface UserStore {

    Mono<ResourceRecord> insert(String tenantId, ResourceRecord user);

    /** Empty when the tenant has no such user. */
    Mono<ResourceRecord> find(String tenantId, UUID id);

    /**
     * Writes new attributes and bumps the version; empty when the user does not exist. With an
     * expected version the write happens only if the stored version still equals it (else 412).
     */
    Mono<ResourceRecord> replace(String tenantId, UUID id, tools.jackson.databind.node.ObjectNode attributes,
            @Nullable Long expectedVersion);

    /**
     * Read-modify-write under the row lock: {@code change} sees the current record and returns the
     * new attributes (or throws a ScimException, which leaves the user unchanged). Concurrent
     * writers take turns, so none loses its update and none is refused. Empty when there is no user.
     */
    Mono<ResourceRecord> modify(String tenantId, UUID id, java.util.function.Function<ResourceRecord, ObjectNode> change);

    /** Emits false when the user does not exist; memberships go with the user. */
    Mono<Boolean> delete(String tenantId, UUID id, @Nullable Long expectedVersion);

    /** The schemas decide what the filter's attributes are and where their values live. */
    Mono<ListPage<ResourceRecord>> list(String tenantId, ListQuery query, SchemaRegistry schemas);

    /**
     * The users of an index page, streamed with the values they sort by, strings in code-point
     * order, so that they merge with groups sorted the same way; no total.
     */
    Flux<SortedRecord> sorted(String tenantId, ListQuery query, SchemaRegistry schemas);
}
