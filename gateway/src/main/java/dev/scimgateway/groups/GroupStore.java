package dev.scimgateway.groups;

import dev.scimgateway.scim.protocol.list.ListPage;
import dev.scimgateway.scim.protocol.list.ListQuery;
import dev.scimgateway.scim.protocol.ResourceRecord;
import dev.scimgateway.scim.protocol.SortedRecord;
import java.util.List;
import dev.scimgateway.scim.schema.SchemaRegistry;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.node.ObjectNode;

/**
 * The persistence groups need. Membership is changed as sets, in the same transaction as the
 * group row, and never by reading or rewriting the member list. Member ids that name no user of
 * the tenant are skipped and reported back, never an error.
 */
public interface GroupStore {

    Mono<GroupWrite> insert(String tenantId, ResourceRecord group, MembershipChange members);

    /** Empty when the tenant has no such group. */
    Mono<GroupView> find(String tenantId, UUID id, boolean withMembers);

    /**
     * Applies new attributes (when not null) and a membership change in one transaction, bumping
     * the version. Empty when the group does not exist; 412 when {@code expectedVersion} is stale.
     */
    Mono<GroupWrite> update(String tenantId, UUID id, @Nullable ObjectNode attributes, MembershipChange members,
            @Nullable Long expectedVersion);

    /**
     * Read-modify-write of the group's attributes under its row lock, with a membership change in
     * the same transaction; see {@code UserStore#modify}. Empty when there is no group.
     */
    Mono<GroupWrite> modify(String tenantId, UUID id, java.util.function.Function<ResourceRecord, ObjectNode> change,
            MembershipChange members);

    /** Emits false when the group does not exist. */
    Mono<Boolean> delete(String tenantId, UUID id, @Nullable Long expectedVersion);

    /** The schemas decide what the filter's attributes are and where their values live. */
    Mono<ListPage<GroupView>> list(String tenantId, ListQuery query, SchemaRegistry schemas, boolean withMembers);

    /** The groups of an index page, streamed with their sort values and without members; see {@code UserStore#sorted}. */
    Flux<SortedRecord> sorted(String tenantId, ListQuery query, SchemaRegistry schemas);

    /** Groups already read, as views, with their members (one query for all) when asked for. */
    Mono<List<GroupView>> views(String tenantId, List<ResourceRecord> groups, boolean withMembers);
}
