package dev.scimgateway.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scimgateway.support.GatewayTest;
import dev.scimgateway.support.ScimClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.JsonNode;

/**
 * Every change a SCIM request makes has its row in the activity log, numbered in the tenant's
 * sequence, with the token and the request that made it; a write that changed nothing or failed
 * has none.
 */
class ChangeLogTest extends GatewayTest {

    private static final String USER = "urn:ietf:params:scim:schemas:core:2.0:User";
    private static final String GROUP = "urn:ietf:params:scim:schemas:core:2.0:Group";
    private static final String PATCH = "urn:ietf:params:scim:api:messages:2.0:PatchOp";

    @Autowired
    DatabaseClient db;

    @Autowired
    ChangeFeed feed;

    /** One logged change, as the test reads it back. */
    record Row(long seq, String action, String resourceType, String resourceId, String label, String tokenName,
            String requestId, Long membersAdded, Long membersRemoved, List<UUID> memberIds, String bulkId, Integer index) {}

    @Test
    void aUsersLifeIsLoggedInOrderWithItsTokenAndRequest() {
        ScimClient scim = newScimClient("log-life");
        double written = meter("scim_events_written_total");
        var created = scim.post("/Users", user("ada@example.com", true)).expectStatus().isCreated();
        String requestId = created.returnResult(JsonNode.class).getResponseHeaders().getFirst("X-Request-Id");
        String id = ScimClient.body(created).get("id").stringValue();

        scim.patch("/Users/" + id, Map.of("schemas", List.of(PATCH), "Operations",
                List.of(Map.of("op", "replace", "value", Map.of("active", false))))).expectStatus().is2xxSuccessful();
        scim.patch("/Users/" + id, Map.of("schemas", List.of(PATCH), "Operations",
                List.of(Map.of("op", "replace", "value", Map.of("active", false))))).expectStatus().is2xxSuccessful();
        scim.put("/Users/" + id, user("ada@example.com", true)).expectStatus().isOk();
        scim.delete("/Users/" + id).expectStatus().isNoContent();

        List<Row> rows = rows(scim.tenantId());
        assertThat(rows).extracting(Row::seq).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
        assertThat(rows).extracting(Row::action)
                .containsExactly("create", "patch", "deactivate", "replace", "activate", "delete");
        assertThat(rows).allSatisfy(row -> {
            assertThat(row.resourceType()).isEqualTo("User");
            assertThat(row.resourceId()).isEqualTo(id);
            assertThat(row.label()).isEqualTo("ada@example.com");
            assertThat(row.tokenName()).isEqualTo("idp");
            assertThat(row.requestId()).isNotBlank();
        });
        assertThat(rows.get(0).requestId()).isEqualTo(requestId);
        assertThat(meter("scim_events_written_total") - written).isEqualTo(6);
    }

    @Test
    void aRefusedOrEmptyWriteLogsNothing() {
        ScimClient scim = newScimClient("log-none");
        String id = scim.createUser("grace@example.com");
        scim.post("/Users", user("GRACE@example.com", true)).expectStatus().isEqualTo(409);
        scim.put("/Users/" + id, user("grace@example.com", true)).expectStatus().isOk();
        scim.patch("/Users/" + UUID.randomUUID(), Map.of("schemas", List.of(PATCH), "Operations",
                List.of(Map.of("op", "replace", "value", Map.of("active", false))))).expectStatus().isNotFound();

        assertThat(rows(scim.tenantId())).extracting(Row::action).containsExactly("create", "replace");
        scim.put("/Users/" + id, user("grace@example.com", true)).expectStatus().isOk();
        assertThat(rows(scim.tenantId())).hasSize(2);
    }

    @Test
    void membershipChangesCarryTheirCountsAndTheFewIdsTheyNamed() {
        ScimClient scim = newScimClient("log-members");
        String alice = scim.createUser("alice@example.com");
        String bob = scim.createUser("bob@example.com");
        String group = ScimClient.body(scim.post("/Groups", Map.of("schemas", List.of(GROUP), "displayName", "Eng",
                "members", List.of(Map.of("value", alice)))).expectStatus().isCreated()).get("id").stringValue();
        scim.patch("/Groups/" + group, Map.of("schemas", List.of(PATCH), "Operations",
                List.of(Map.of("op", "add", "path", "members", "value", List.of(Map.of("value", bob))),
                        Map.of("op", "remove", "path", "members[value eq \"" + alice + "\"]")))).expectStatus().isNoContent();
        scim.delete("/Groups/" + group).expectStatus().isNoContent();

        List<Row> rows = rows(scim.tenantId()).stream().filter(row -> row.resourceType().equals("Group")).toList();
        assertThat(rows).extracting(Row::action).containsExactly("create", "patch", "delete");
        assertThat(rows.get(0).membersAdded()).isEqualTo(1);
        assertThat(rows.get(0).label()).isEqualTo("Eng");
        assertThat(rows.get(1).membersAdded()).isEqualTo(1);
        assertThat(rows.get(1).membersRemoved()).isEqualTo(1);
        assertThat(rows.get(1).memberIds()).containsExactlyInAnyOrder(UUID.fromString(alice), UUID.fromString(bob));
        assertThat(rows).extracting(Row::seq).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void bulkOperationsAreLoggedWithTheirBulkIdAndIndex() {
        ScimClient scim = newScimClient("log-bulk");
        scim.post("/Bulk", Map.of("schemas", List.of("urn:ietf:params:scim:api:messages:2.0:BulkRequest"),
                "Operations", List.of(
                        Map.of("method", "POST", "path", "/Users", "bulkId", "u1", "data", user("b1@example.com", true)),
                        Map.of("method", "POST", "path", "/Groups", "bulkId", "g1", "data", Map.of("schemas",
                                List.of(GROUP), "displayName", "Bulk", "members", List.of(Map.of("value", "bulkId:u1")))))))
                .expectStatus().isOk();

        List<Row> rows = rows(scim.tenantId());
        assertThat(rows).extracting(Row::bulkId).containsExactly("u1", "g1");
        assertThat(rows).extracting(Row::index).containsExactly(0, 1);
        assertThat(rows).extracting(Row::requestId).doesNotContainNull().hasSize(2);
        assertThat(rows.get(1).membersAdded()).isEqualTo(1);
    }

    /** Coalesced creates of one tenant, many per statement, take every number once and leave no gap. */
    @Test
    void concurrentCreatesTakeEveryNumberOnce() {
        ScimClient scim = newScimClient("log-burst");
        ScimClient other = newScimClient("log-burst-other");
        int n = 60;
        Flux.range(0, n).flatMap(i -> Flux.just(i).publishOn(Schedulers.boundedElastic()).map(j -> {
            (j % 3 == 0 ? other : scim).post("/Users", user("burst" + j + "@example.com", true)).expectStatus().isCreated();
            return j;
        }), 16).blockLast(Duration.ofMinutes(2));

        List<Long> seqs = rows(scim.tenantId()).stream().map(Row::seq).toList();
        assertThat(seqs).containsExactlyElementsOf(IntStream.rangeClosed(1, 40).mapToObj(i -> (long) i).toList());
        assertThat(rows(other.tenantId())).extracting(Row::seq)
                .containsExactlyElementsOf(IntStream.rangeClosed(1, 20).mapToObj(i -> (long) i).toList());
    }

    /**
     * A reader that keeps reading while creates commit sees every change exactly once: what it has read
     * up to number n never gains a change below n later, though rows commit out of their id order.
     */
    @Test
    void aReaderDuringABurstSeesEveryChangeOnceWithNoGap() {
        ScimClient scim = newScimClient("log-read-burst");
        int n = 80;
        List<String> actions = List.of("create");
        List<Long> seen = new ArrayList<>();
        Flux<Integer> writes = Flux.range(0, n).flatMap(i -> Flux.just(i).publishOn(Schedulers.boundedElastic()).map(j -> {
            scim.post("/Users", user("reader" + j + "@example.com", true)).expectStatus().isCreated();
            return j;
        }), 16);
        var done = writes.subscribeOn(Schedulers.boundedElastic()).then().toFuture();
        long position = 0;
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while ((!done.isDone() || seen.size() < n) && System.nanoTime() < deadline) {
            List<Change> read = feed.pending(scim.tenantId(), position, Long.MAX_VALUE, List.of(), actions, 1000)
                    .collectList().block(Duration.ofSeconds(10));
            for (Change change : read) {
                assertThat(change.seq()).isEqualTo(position + 1);
                position = change.seq();
                seen.add(change.seq());
            }
            assertThat(seen.size()).isLessThanOrEqualTo(n);
        }
        done.join();
        assertThat(seen).containsExactlyElementsOf(LongStream.rangeClosed(1, n).boxed().toList());
    }

    private static Map<String, Object> user(String userName, boolean active) {
        return Map.of("schemas", List.of(USER), "userName", userName, "active", active, "password", "s3cret-Passw0rd!");
    }

    /** The tenant's changes in their sequence, numbered first as every reader of the log does. */
    private List<Row> rows(String tenantId) {
        return feed.newest(tenantId).then(db.sql("SELECT seq, action, resource_type, resource_id::text AS rid, label, token_name, request_id,"
                        + " members_added, members_removed, member_ids, bulk_id, op_index FROM activity"
                        + " WHERE tenant_id = $1 AND seq IS NOT NULL ORDER BY seq")
                .bind(0, tenantId)
                .map(row -> {
                    UUID[] members = row.get("member_ids", UUID[].class);
                    return new Row(row.get("seq", Long.class), row.get("action", String.class),
                            row.get("resource_type", String.class), row.get("rid", String.class),
                            row.get("label", String.class), row.get("token_name", String.class),
                            row.get("request_id", String.class), row.get("members_added", Long.class),
                            row.get("members_removed", Long.class),
                            members == null ? List.of() : new ArrayList<>(List.of(members)),
                            row.get("bulk_id", String.class), row.get("op_index", Integer.class));
                })
                .all()
                .collectList())
                .block(Duration.ofSeconds(10));
    }
}
