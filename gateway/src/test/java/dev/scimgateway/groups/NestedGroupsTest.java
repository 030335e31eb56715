package dev.scimgateway.groups;

import static dev.scimgateway.support.ScimClient.body;
import static org.assertj.core.api.Assertions.assertThat;

import dev.scimgateway.support.GatewayTest;
import dev.scimgateway.support.ScimClient;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Groups as members of groups (RFC 7643 §4.2, issue 13 §1), against the real gateway and PostgreSQL. */
class NestedGroupsTest extends GatewayTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void aGroupMemberHasTypeGroupAndItsRefPointsAtGroups() {
        ScimClient c = newScimClient("nest-show");
        String user = c.createUser("ann@example.com");
        String child = createGroup(c, "Child", "[{\"value\":\"" + user + "\"}]");
        // One member sent with its type, as the RFC shows; the group sent without, as some clients do.
        String parent = createGroup(c, "Parent", "[{\"value\":\"" + child + "\",\"type\":\"Group\"},{\"value\":\"" + user + "\"}]");

        JsonNode members = body(c.get("/Groups/" + parent).expectStatus().isOk()).get("members");
        assertThat(members).hasSize(2);
        JsonNode group = memberWithValue(members, child);
        assertThat(group.get("type").stringValue()).isEqualTo("Group");
        assertThat(group.get("$ref").stringValue()).endsWith("/scim/v2/Groups/" + child);
        assertThat(group.get("display").stringValue()).isEqualTo("Child");
        JsonNode person = memberWithValue(members, user);
        assertThat(person.get("type").stringValue()).isEqualTo("User");
        assertThat(person.get("$ref").stringValue()).endsWith("/scim/v2/Users/" + user);

        String untyped = createGroup(c, "Untyped", "[{\"value\":\"" + child + "\"}]");
        assertThat(memberWithValue(body(c.get("/Groups/" + untyped).expectStatus().isOk()).get("members"), child)
                .get("type").stringValue()).isEqualTo("Group");
        // The listing shows the same members as the single read, and a filter on members.value finds the parent.
        JsonNode listed = body(c.get("/Groups?filter=" + enc("members.value eq \"" + child + "\"")).expectStatus().isOk());
        assertThat(listed.get("totalResults").asInt()).isEqualTo(2);
        assertThat(listed.get("Resources")).allSatisfy(g ->
                assertThat(memberWithValue(g.get("members"), child).get("type").stringValue()).isEqualTo("Group"));
    }

    @Test
    void groupMembersAreAddedAndRemovedByPostPutAndPatch() {
        ScimClient c = newScimClient("nest-write");
        String a = createGroup(c, "A", "[]");
        String b = createGroup(c, "B", "[]");
        String d = createGroup(c, "D", "[]");
        String user = c.createUser("bob@example.com");

        JsonNode created = body(c.post("/Groups", group("Parent", "[{\"value\":\"" + a + "\",\"type\":\"Group\"}]"))
                .expectStatus().isCreated());
        String parent = created.get("id").stringValue();
        assertThat(values(created.get("members"))).containsExactly(a);

        JsonNode replaced = body(c.put("/Groups/" + parent, group("Parent", "[{\"value\":\"" + b
                + "\",\"type\":\"Group\"},{\"value\":\"" + user + "\"}]")).expectStatus().isOk());
        assertThat(values(replaced.get("members"))).containsExactlyInAnyOrder(b, user);

        // Okta's forms: add with path members, remove with a filtered path.
        c.patch("/Groups/" + parent, patch("{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\"" + d
                + "\",\"type\":\"Group\"}]}")).expectStatus().isNoContent();
        assertThat(values(body(c.get("/Groups/" + parent).expectStatus().isOk()).get("members")))
                .containsExactlyInAnyOrder(b, d, user);
        c.patch("/Groups/" + parent, patch("{\"op\":\"remove\",\"path\":\"members[value eq \\\"" + b + "\\\"]\"}"))
                .expectStatus().isNoContent();
        // Entra's form: remove by value.
        c.patch("/Groups/" + parent, patch("{\"op\":\"Remove\",\"path\":\"members\",\"value\":[{\"value\":\"" + d + "\"}]}"))
                .expectStatus().isNoContent();
        assertThat(values(body(c.get("/Groups/" + parent).expectStatus().isOk()).get("members"))).containsExactly(user);
        // With a rename in the same PATCH: the document and the nested member change together.
        c.patch("/Groups/" + parent + "?attributes=members", patch(
                "{\"op\":\"replace\",\"path\":\"displayName\",\"value\":\"Parent 2\"},"
                        + "{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\"" + a + "\"}]}"))
                .expectStatus().isOk();
        JsonNode after = body(c.get("/Groups/" + parent).expectStatus().isOk());
        assertThat(after.get("displayName").stringValue()).isEqualTo("Parent 2");
        assertThat(values(after.get("members"))).containsExactlyInAnyOrder(a, user);
    }

    @Test
    void cyclesOfTwoAndThreeAndSelfMembershipAreRefused() {
        ScimClient c = newScimClient("nest-cycle");
        String a = createGroup(c, "A", "[]");
        String b = createGroup(c, "B", "[{\"value\":\"" + a + "\"}]");
        String cc = createGroup(c, "C", "[{\"value\":\"" + b + "\"}]");

        // A in B; B in A would close a cycle of two.
        JsonNode two = body(c.patch("/Groups/" + a, patch("{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\""
                + b + "\",\"type\":\"Group\"}]}")).expectStatus().isBadRequest());
        assertThat(two.get("scimType").stringValue()).isEqualTo("invalidValue");
        assertThat(two.get("detail").stringValue()).contains(b);
        // A in B in C; C in A would close a cycle of three, by PATCH or by PUT.
        c.patch("/Groups/" + a, patch("{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\"" + cc + "\"}]}"))
                .expectStatus().isBadRequest().expectBody().jsonPath("$.scimType").isEqualTo("invalidValue");
        c.put("/Groups/" + a, group("A renamed", "[{\"value\":\"" + cc + "\"}]"))
                .expectStatus().isBadRequest().expectBody().jsonPath("$.scimType").isEqualTo("invalidValue");
        // A PATCH that renames as well is refused whole.
        c.patch("/Groups/" + a, patch("{\"op\":\"replace\",\"path\":\"displayName\",\"value\":\"A renamed\"},"
                        + "{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\"" + cc + "\"}]}"))
                .expectStatus().isBadRequest().expectBody().jsonPath("$.scimType").isEqualTo("invalidValue");
        // A group in itself.
        c.patch("/Groups/" + a, patch("{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\"" + a + "\"}]}"))
                .expectStatus().isBadRequest().expectBody().jsonPath("$.scimType").isEqualTo("invalidValue");

        JsonNode unchanged = body(c.get("/Groups/" + a).expectStatus().isOk());
        assertThat(unchanged.get("displayName").stringValue()).isEqualTo("A");
        assertThat(unchanged.get("members")).isNullOrEmpty();
        assertThat(values(body(c.get("/Groups/" + cc).expectStatus().isOk()).get("members"))).containsExactly(b);
        // Nesting that closes no cycle is fine: C's sibling D may hold A and B both.
        createGroup(c, "D", "[{\"value\":\"" + a + "\"},{\"value\":\"" + b + "\"}]");
    }

    /** Each write alone closes no cycle; together they would. One of them must be refused, every time. */
    @Test
    void twoWritesThatEachCloseHalfACycleAreNeverBothAccepted() {
        ScimClient c = newScimClient("nest-race");
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int i = 0; i < 10; i++) {
                String a = createGroup(c, "A" + i, "[]");
                String b = createGroup(c, "B" + i, "[]");
                CompletableFuture<Integer> aHoldsB = CompletableFuture.supplyAsync(() -> addStatus(c, a, b), pool);
                CompletableFuture<Integer> bHoldsA = CompletableFuture.supplyAsync(() -> addStatus(c, b, a), pool);
                assertThat(List.of(aHoldsB.join(), bHoldsA.join())).as("round %d", i).containsExactlyInAnyOrder(204, 400);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static int addStatus(ScimClient c, String group, String member) {
        return c.patch("/Groups/" + group, patch("{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\""
                + member + "\"}]}")).returnResult(String.class).getStatus().value();
    }

    @Test
    void deletingAGroupRemovesItFromTheGroupsItWasIn() {
        ScimClient c = newScimClient("nest-delete");
        String user = c.createUser("cat@example.com");
        String child = createGroup(c, "Child", "[{\"value\":\"" + user + "\"}]");
        String parent = createGroup(c, "Parent", "[{\"value\":\"" + child + "\"},{\"value\":\"" + user + "\"}]");
        assertThat(values(body(c.get("/Groups/" + parent).expectStatus().isOk()).get("members")))
                .containsExactlyInAnyOrder(child, user);

        c.delete("/Groups/" + child).expectStatus().isNoContent();

        assertThat(values(body(c.get("/Groups/" + parent).expectStatus().isOk()).get("members"))).containsExactly(user);
        c.get("/Groups?filter=" + enc("members.value eq \"" + child + "\"")).expectStatus().isOk()
                .expectBody().jsonPath("$.totalResults").isEqualTo(0);
        c.delete("/Users/" + user).expectStatus().isNoContent();
        assertThat(body(c.get("/Groups/" + parent).expectStatus().isOk()).get("members")).isNullOrEmpty();
    }

    @Test
    void aValueThatNamesNoUserOrGroupOfTheTenantIsSkippedAndCounted() {
        ScimClient c = newScimClient("nest-skip");
        ScimClient other = newScimClient("nest-skip-other");
        String theirGroup = createGroup(other, "Theirs", "[]");
        String theirUser = other.createUser("dan@example.com");
        double before = skipped(c.tenantId());

        String mine = createGroup(c, "Mine", "[{\"value\":\"" + theirGroup + "\",\"type\":\"Group\"},{\"value\":\""
                + theirUser + "\"},{\"value\":\"" + UUID.randomUUID() + "\"}]");

        assertThat(body(c.get("/Groups/" + mine).expectStatus().isOk()).get("members")).isNullOrEmpty();
        assertThat(skipped(c.tenantId()) - before).isEqualTo(3);
        // The other tenant's group is untouched and still has no members from here.
        assertThat(body(other.get("/Groups/" + theirGroup).expectStatus().isOk()).get("members")).isNullOrEmpty();
        c.get("/Groups/" + theirGroup).expectStatus().isNotFound();
    }

    @Test
    void bulkAndStreamsNestGroupsThroughBulkIds() {
        ScimClient c = newScimClient("nest-bulk");
        JsonNode ops = body(c.post("/Bulk", """
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:BulkRequest"],"Operations":[
                  {"method":"POST","path":"/Groups","bulkId":"parent","data":{"displayName":"Parent",
                     "members":[{"value":"bulkId:child","type":"Group"}]}},
                  {"method":"POST","path":"/Groups","bulkId":"child","data":{"displayName":"Child",
                     "members":[{"value":"bulkId:u"}]}},
                  {"method":"POST","path":"/Users","bulkId":"u","data":{"userName":"eve@example.com"}},
                  {"method":"POST","path":"/Groups","bulkId":"other","data":{"displayName":"Other"}},
                  {"method":"PATCH","path":"/Groups/bulkId:other","data":{"Operations":[
                     {"op":"add","path":"members","value":[{"value":"bulkId:parent","type":"Group"}]}]}},
                  {"method":"PATCH","path":"/Groups/bulkId:child","data":{"Operations":[
                     {"op":"add","path":"members","value":[{"value":"bulkId:parent"}]}]}}]}""").expectStatus().isOk())
                .get("Operations");
        assertThat(ops).hasSize(6);
        for (int i = 0; i < 5; i++) {
            assertThat(ops.get(i).get("status").stringValue()).as("operation %d", i).isIn("200", "201", "204");
        }
        // Parent holds Child: Parent in Child would close a cycle of two.
        assertThat(ops.get(5).get("status").stringValue()).isEqualTo("400");
        assertThat(ops.get(5).at("/response/scimType").stringValue()).isEqualTo("invalidValue");
        String parent = id(ops.get(0));
        String child = id(ops.get(1));
        String other = id(ops.get(3));
        assertThat(values(body(c.get("/Groups/" + parent).expectStatus().isOk()).get("members"))).containsExactly(child);
        assertThat(values(body(c.get("/Groups/" + other).expectStatus().isOk()).get("members"))).containsExactly(parent);

        List<JsonNode> streamed = stream(c, """
                {"method":"POST","path":"/Users","bulkId":"su","data":{"userName":"fay@example.com"}}
                {"method":"POST","path":"/Groups","bulkId":"sc","data":{"displayName":"Streamed child","members":[{"value":"bulkId:su"}]}}
                {"method":"POST","path":"/Groups","bulkId":"sp","data":{"displayName":"Streamed parent","members":[{"value":"bulkId:sc","type":"Group"}]}}
                {"method":"PATCH","path":"/Groups/bulkId:sc","data":{"Operations":[{"op":"add","path":"members","value":[{"value":"bulkId:sp"}]}]}}
                """);
        assertThat(streamed).hasSize(4);
        assertThat(streamed.subList(0, 3)).allSatisfy(r -> assertThat(r.get("status").stringValue()).isEqualTo("201"));
        assertThat(streamed.get(3).get("status").stringValue()).isEqualTo("400");
        String streamedChild = id(streamed.get(1));
        JsonNode streamedParent = body(c.get("/Groups/" + id(streamed.get(2))).expectStatus().isOk());
        assertThat(values(streamedParent.get("members"))).containsExactly(streamedChild);
        assertThat(streamedParent.at("/members/0/type").stringValue()).isEqualTo("Group");
    }

    /** Tenants past the gateway's bound on tenant tags are counted under "other"; tests run one at a time. */
    private double skipped(String tenant) {
        return meter("scim_group_members_skipped_total{tenant=\"" + tenant + "\"}")
                + meter("scim_group_members_skipped_total{tenant=\"other\"}");
    }

    private String createGroup(ScimClient c, String name, String members) {
        return body(c.post("/Groups", group(name, members)).expectStatus().isCreated()).get("id").stringValue();
    }

    private static String group(String name, String members) {
        return "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:Group\"],\"displayName\":\"" + name
                + "\",\"members\":" + members + "}";
    }

    private static String patch(String operations) {
        return "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],\"Operations\":[" + operations + "]}";
    }

    private static JsonNode memberWithValue(JsonNode members, String value) {
        for (JsonNode member : members) {
            if (member.get("value").stringValue().equals(value)) {
                return member;
            }
        }
        throw new AssertionError("no member " + value + " in " + members);
    }

    private static List<String> values(JsonNode members) {
        List<String> values = new ArrayList<>();
        if (members != null) {
            members.forEach(m -> values.add(m.get("value").stringValue()));
        }
        return values;
    }

    private static String id(JsonNode operation) {
        String location = operation.get("location").stringValue();
        return location.substring(location.lastIndexOf('/') + 1);
    }

    private static String enc(String filter) {
        return java.net.URLEncoder.encode(filter, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
    }

    private List<JsonNode> stream(ScimClient c, String ndjson) {
        String body = http.post().uri("/scim/v2/Bulk").header("Authorization", "Bearer " + c.token())
                .contentType(MediaType.APPLICATION_NDJSON).bodyValue(ndjson)
                .exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        List<JsonNode> results = new ArrayList<>();
        body.lines().filter(l -> !l.isBlank()).forEach(l -> results.add(JSON.readTree(l)));
        return results;
    }
}
