package dev.scimgateway.storage;

import dev.scimgateway.scim.protocol.ResourceRecord;
import dev.scimgateway.scim.protocol.ScimException;
import java.util.Arrays;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;

/**
 * Refuses group nesting that would make a group contain itself (A in B and B in A, or longer), with
 * 400 invalidValue. It runs after a write has added group members to a group, in the write's
 * transaction: a cycle that the new rows close must pass through that group, so the group being
 * among its own ancestors is the whole test. The walk goes up, along the rows of nested groups
 * only (index {@code group_member_parent}), never through a group's user members.
 *
 * <p>Two writes could each close half of a cycle and pass while neither sees the other's rows, so
 * the check first takes a transaction lock per tenant, and its statement, which starts after the
 * lock is granted, sees what the writer before it committed. Only writes that add group members
 * take it: Okta and Entra never nest groups, and their writes never wait for it.
 */
final class NestingCycles {

    /**
     * The groups of the write's group's nested members that are also its ancestors, or itself: each
     * closes a cycle. UNION (not UNION ALL) keeps each group once, so the walk ends after at most
     * as many steps as the tenant has nested groups, even over rows that already form a cycle.
     */
    private static final String CLOSING_MEMBERS = "WITH RECURSIVE up(id) AS ("
            + " SELECT m.group_id FROM group_member m WHERE m.tenant_id = $1 AND m.member_group = $2"
            + " UNION SELECT m.group_id FROM group_member m JOIN up ON m.member_group = up.id"
            + "   WHERE m.tenant_id = $1 AND m.member_group IS NOT NULL)"
            + " SELECT array(SELECT m.member_group FROM group_member m WHERE m.tenant_id = $1 AND m.group_id = $2"
            + "   AND m.member_group IS NOT NULL AND (m.member_group = $2 OR m.member_group IN (SELECT id FROM up))"
            + "   ORDER BY m.member_group)";

    private final DatabaseClient db;

    NestingCycles(DatabaseClient db) {
        this.db = db;
    }

    /** Completes when the group is not its own ancestor; otherwise fails, which rolls the write back. */
    Mono<Void> refuse(String tenantId, ResourceRecord group) {
        return db.sql("SELECT pg_advisory_xact_lock(hashtextextended('scim-gateway group nesting ' || $1, 0))")
                .bind(0, tenantId)
                .then()
                .then(db.sql(CLOSING_MEMBERS)
                        .bind(0, tenantId)
                        .bind(1, group.id())
                        .map(row -> row.get(0, UUID[].class))
                        .one())
                .flatMap(closing -> closing.length == 0 ? Mono.empty() : Mono.error(cycle(group, closing)));
    }

    private static ScimException cycle(ResourceRecord group, UUID[] closing) {
        if (closing.length == 1 && closing[0].equals(group.id())) {
            return ScimException.invalidValue("Group " + group.id() + " cannot be a member of itself");
        }
        String members = Arrays.stream(closing).map(UUID::toString).collect(Collectors.joining("', '", "'", "'"));
        return ScimException.invalidValue("Group " + group.id() + " cannot have " + members + " as a member: "
                + (closing.length == 1 ? "that group contains" : "those groups contain")
                + " it, directly or through nested groups, and a group cannot contain itself");
    }
}
