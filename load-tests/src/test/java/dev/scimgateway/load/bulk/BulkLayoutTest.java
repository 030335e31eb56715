package dev.scimgateway.load.bulk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.scimgateway.load.okta.PlannedGroup;
import dev.scimgateway.load.okta.ServerIds;
import dev.scimgateway.load.okta.TenantPlan;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The bulk simulation's batching, bodies and result checks, without a gateway. */
class BulkLayoutTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final TenantPlan plan = TenantPlan.generate(300, 6, 0, 7);

    @Test
    void everyUserAndMembershipIsSentOnceWithinTheSizes() {
        List<BulkBatch> batches = BulkLayout.of(plan, 180, 40, 70);
        Set<Integer> users = new HashSet<>();
        Set<String> memberships = new HashSet<>();
        Set<Integer> groups = new HashSet<>();
        boolean streaming = false;
        for (BulkBatch batch : batches) {
            streaming |= batch.kind() == BulkBatch.Kind.NDJSON;
            assertFalse(streaming && batch.kind() == BulkBatch.Kind.BULK_REQUEST, "BulkRequests come before streams");
            assertTrue(batch.operations().size() <= (batch.kind() == BulkBatch.Kind.NDJSON ? 70 : 40));
            Set<Integer> created = new HashSet<>();
            for (BulkOp op : batch.operations()) {
                if (op instanceof BulkOp.CreateUser create) {
                    assertTrue(users.add(create.user()));
                    assertEquals(create.user() >= 180, batch.kind() == BulkBatch.Kind.NDJSON);
                    created.add(create.user());
                } else if (op instanceof BulkOp.CreateGroup create) {
                    assertTrue(groups.add(create.group()), "a group is created once");
                    for (int member : create.members()) {
                        assertTrue(created.contains(member), "bulkId: names a user of the same batch");
                        assertTrue(memberships.add(create.group() + "/" + member));
                    }
                } else if (op instanceof BulkOp.AddMembers add) {
                    assertTrue(groups.contains(add.group()), "members are added to a group created before");
                    for (int member : add.members()) {
                        assertTrue(add.membersInBatch() ? created.contains(member) : users.contains(member));
                        assertTrue(memberships.add(add.group() + "/" + member));
                    }
                }
            }
        }
        assertEquals(300, users.size());
        assertEquals(6, groups.size());
        int planned = plan.groups().stream().mapToInt(g -> g.memberIndexes().length).sum();
        assertEquals(planned, memberships.size());
        for (PlannedGroup group : plan.groups()) {
            for (int member : group.memberIndexes()) {
                assertTrue(memberships.contains(group.index() + "/" + member));
            }
        }
    }

    @Test
    void membershipsThatCannotTravelWithTheirUsersAreAddedByIdAtTheEnd() {
        List<BulkBatch> batches = BulkLayout.of(plan, 300, 1, 1);
        assertTrue(batches.stream().allMatch(b -> b.operations().size() == 1 && b.kind() == BulkBatch.Kind.BULK_REQUEST));
        long byId = batches.stream().flatMap(b -> b.operations().stream())
                .filter(op -> op instanceof BulkOp.AddMembers add && !add.membersInBatch()).count();
        assertTrue(byId > 0);
        int planned = plan.groups().stream().mapToInt(g -> g.memberIndexes().length).sum();
        int sent = batches.stream().flatMap(b -> b.operations().stream()).mapToInt(op -> op instanceof BulkOp.AddMembers add
                ? add.members().length : op instanceof BulkOp.CreateGroup create ? create.members().length : 0).sum();
        assertEquals(planned, sent);
    }

    @Test
    void aBulkRequestReferencesItsOwnUsersByBulkIdAndEarlierGroupsById() throws Exception {
        List<BulkBatch> batches = BulkLayout.of(plan, 300, 40, 70);
        var userIds = new ServerIds(300);
        var groupIds = new ServerIds(6);
        var bodies = new BulkBodies(plan, userIds, groupIds, null);
        BulkBatch second = batches.get(1);
        assertTrue(bodies.waitsFor(second), "its PATCHes need the ids of groups the first batch creates");
        for (int g = 0; g < 6; g++) {
            groupIds.remember(g, "00000000-0000-4000-8000-00000000000" + g);
        }
        assertFalse(bodies.waitsFor(second));
        JsonNode request = JSON.readTree(bodies.render(second).body());
        assertEquals(BulkBodies.REQUEST_SCHEMA, request.get("schemas").get(0).asText());
        JsonNode patch = request.get("Operations").get(request.get("Operations").size() - 1);
        assertEquals("PATCH", patch.get("method").asText());
        assertTrue(patch.get("path").asText().startsWith("/Groups/00000000-"));
        assertTrue(patch.at("/data/Operations/0/value/0/value").asText().startsWith("bulkId:u"));
    }

    @Test
    void aFailedOperationInsideAnHttp200FailsTheBatchAndItsIdIsNotLearned() {
        var userIds = new ServerIds(300);
        var groupIds = new ServerIds(6);
        var results = new BulkResults(userIds, groupIds);
        var batch = new BulkBatch(0, BulkBatch.Kind.BULK_REQUEST,
                List.of(new BulkOp.CreateUser(0), new BulkOp.CreateUser(1)));
        SentBatch sent = new BulkBodies(plan, userIds, groupIds, null).render(batch);
        String verdict = results.judge(sent, """
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:BulkResponse"],"Operations":[
                 {"method":"POST","bulkId":"u0","status":"201","location":"http://gw/scim/v2/Users/abc"},
                 {"method":"POST","bulkId":"u1","status":"409","response":{"scimType":"uniqueness","detail":"taken"}}]}""");
        results.settle(sent);
        assertTrue(verdict.startsWith("1 of 2 operations failed (409 ×1)"), verdict);
        assertEquals("abc", userIds.idOf(0));
        assertTrue(userIds.settled(1));
        assertEquals(null, userIds.idOf(1));
    }

    @Test
    void aShortOrMisnumberedStreamFails() {
        var userIds = new ServerIds(300);
        var results = new BulkResults(userIds, new ServerIds(6));
        var batch = new BulkBatch(3, BulkBatch.Kind.NDJSON, List.of(new BulkOp.CreateUser(0), new BulkOp.CreateUser(1)));
        SentBatch sent = new BulkBodies(plan, userIds, new ServerIds(6), "run").render(batch);
        assertTrue(sent.body().contains("\"idempotencyKey\":\"run-3-1\""));
        assertEquals(2, sent.body().lines().count());
        String ok = "{\"status\":\"201\",\"index\":0,\"location\":\"/Users/a\"}\n{\"status\":\"201\",\"index\":1,\"location\":\"/Users/b\"}\n";
        assertEquals(BulkResults.ALL_SUCCEEDED, results.judge(sent, ok));
        assertTrue(results.judge(sent, "{\"status\":\"201\",\"index\":0}\n").contains("no result"));
        assertTrue(results.judge(sent, "{\"status\":\"201\",\"index\":1}\n{\"status\":\"201\",\"index\":0}\n")
                .contains("index"));
    }
}
