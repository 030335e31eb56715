package dev.scimgateway.users;

import static dev.scimgateway.support.ScimClient.body;
import static org.assertj.core.api.Assertions.assertThat;

import dev.scimgateway.support.GatewayTest;
import dev.scimgateway.support.ScimClient;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** User.groups (RFC 7643 §4.1.2, issue 13 §2): computed from membership, readOnly, against the real gateway. */
class UserGroupsTest extends GatewayTest {

    /** A tenant where ann is in Child and Other directly, and in Parent through Child; bob is in no group. */
    private record Tenant(ScimClient c, String ann, String bob, String child, String parent, String other) {}

    private Tenant tenant(String prefix) {
        ScimClient c = newScimClient(prefix);
        String ann = c.createUser("ann@example.com");
        String bob = c.createUser("bob@example.com");
        String child = createGroup(c, "Child", "[{\"value\":\"" + ann + "\"}]");
        String parent = createGroup(c, "Parent", "[{\"value\":\"" + child + "\",\"type\":\"Group\"}]");
        String other = createGroup(c, "Other", "[{\"value\":\"" + ann + "\"}]");
        return new Tenant(c, ann, bob, child, parent, other);
    }

    @Test
    void groupsAreDirectOrIndirectWithRefAndDisplay() {
        Tenant t = tenant("ugroups");

        JsonNode ann = body(t.c().get("/Users/" + t.ann()).expectStatus().isOk());
        Map<String, JsonNode> groups = byValue(ann.get("groups"));
        assertThat(groups).containsOnlyKeys(t.child(), t.parent(), t.other());
        assertThat(groups.get(t.child()).get("type").stringValue()).isEqualTo("direct");
        assertThat(groups.get(t.other()).get("type").stringValue()).isEqualTo("direct");
        assertThat(groups.get(t.parent()).get("type").stringValue()).isEqualTo("indirect");
        assertThat(groups.get(t.parent()).get("display").stringValue()).isEqualTo("Parent");
        assertThat(groups.get(t.parent()).get("$ref").stringValue()).endsWith("/scim/v2/Groups/" + t.parent());
        assertThat(ann.get("groups").get(0).get("display").stringValue()).isEqualTo("Child");
        assertThat(body(t.c().get("/Users/" + t.bob()).expectStatus().isOk()).get("groups")).isNull();

        // In Parent directly as well: direct wins.
        t.c().patch("/Groups/" + t.parent(), patch("{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\""
                + t.ann() + "\"}]}")).expectStatus().isNoContent();
        assertThat(byValue(body(t.c().get("/Users/" + t.ann()).expectStatus().isOk()).get("groups")).get(t.parent())
                .get("type").stringValue()).isEqualTo("direct");
        // Child leaves Parent: ann is still in Parent directly, and nothing else changed.
        t.c().delete("/Groups/" + t.child()).expectStatus().isNoContent();
        assertThat(byValue(body(t.c().get("/Users/" + t.ann()).expectStatus().isOk()).get("groups")))
                .containsOnlyKeys(t.parent(), t.other());
    }

    @Test
    void listPagesCarryGroupsAndAttributesAndExcludedAttributesDecide() {
        Tenant t = tenant("ulist");

        JsonNode page = body(t.c().get("/Users?startIndex=1&count=100").expectStatus().isOk());
        Map<String, JsonNode> users = byId(page.get("Resources"));
        assertThat(byValue(users.get(t.ann()).get("groups"))).containsOnlyKeys(t.child(), t.parent(), t.other());
        assertThat(users.get(t.bob()).get("groups")).isNull();

        JsonNode excluded = body(t.c().get("/Users/" + t.ann() + "?excludedAttributes=groups").expectStatus().isOk());
        assertThat(excluded.get("groups")).isNull();
        assertThat(excluded.get("userName").stringValue()).isEqualTo("ann@example.com");
        JsonNode others = body(t.c().get("/Users/" + t.ann() + "?attributes=userName").expectStatus().isOk());
        assertThat(others.get("groups")).isNull();
        JsonNode only = body(t.c().get("/Users/" + t.ann() + "?attributes=groups").expectStatus().isOk());
        assertThat(only.get("userName")).isNull();
        assertThat(only.get("groups")).hasSize(3);
        JsonNode listedOnly = body(t.c().get("/Users?attributes=groups.display&filter="
                + enc("userName eq \"ann@example.com\"")).expectStatus().isOk());
        assertThat(listedOnly.at("/Resources/0/groups/0/display").stringValue()).isEqualTo("Child");
        assertThat(listedOnly.at("/Resources/0/groups/0/value").isMissingNode()).isTrue();
        assertThat(body(t.c().get("/Users?excludedAttributes=groups").expectStatus().isOk()).get("Resources"))
                .allSatisfy(user -> assertThat(user.get("groups")).isNull());
        // A PUT and a PATCH that answer with the user show its groups too.
        JsonNode put = body(t.c().put("/Users/" + t.ann(), "{\"userName\":\"ann@example.com\",\"active\":true}")
                .expectStatus().isOk());
        assertThat(put.get("groups")).hasSize(3);
    }

    @Test
    void filtersOnGroupsValueAndDisplayAreAnsweredFromMembership() {
        Tenant t = tenant("ufilter");

        assertThat(userNames(t.c(), "groups.value eq \"" + t.child() + "\"")).containsExactly("ann@example.com");
        // Through nesting, as User.groups shows it.
        assertThat(userNames(t.c(), "groups.value eq \"" + t.parent() + "\"")).containsExactly("ann@example.com");
        assertThat(userNames(t.c(), "groups eq \"" + t.other() + "\"")).containsExactly("ann@example.com");
        assertThat(userNames(t.c(), "groups.display eq \"parent\"")).containsExactly("ann@example.com");
        assertThat(userNames(t.c(), "groups[display sw \"Oth\"]")).containsExactly("ann@example.com");
        assertThat(userNames(t.c(), "groups.display eq \"Nobody\"")).isEmpty();
        assertThat(userNames(t.c(), "not (groups.value eq \"" + t.child() + "\")")).containsExactly("bob@example.com");
        assertThat(userNames(t.c(), "groups.value ne \"" + t.child() + "\"")).containsExactly("bob@example.com");
        assertThat(userNames(t.c(), "groups pr")).containsExactly("ann@example.com");
        assertThat(userNames(t.c(), "userName sw \"b\" or groups.display co \"hil\"")).containsExactlyInAnyOrder(
                "ann@example.com", "bob@example.com");
        t.c().get("/Users?filter=" + enc("groups.type eq \"direct\"")).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.scimType").isEqualTo("invalidFilter");
    }

    @Test
    void groupsAreReadOnly() {
        Tenant t = tenant("ureadonly");

        JsonNode patched = body(t.c().patch("/Users/" + t.ann(), patch("{\"op\":\"add\",\"path\":\"groups\",\"value\":[{\"value\":\""
                + t.other() + "\"}]}")).expectStatus().isBadRequest());
        assertThat(patched.get("scimType").stringValue()).isEqualTo("mutability");
        t.c().patch("/Users/" + t.bob(), patch("{\"op\":\"replace\",\"value\":{\"groups\":[{\"value\":\"" + t.other() + "\"}]}}"))
                .expectStatus().isBadRequest().expectBody().jsonPath("$.scimType").isEqualTo("mutability");
        t.c().patch("/Users/" + t.ann(), patch("{\"op\":\"remove\",\"path\":\"groups\"}"))
                .expectStatus().isBadRequest().expectBody().jsonPath("$.scimType").isEqualTo("mutability");

        // POST and PUT ignore them, as readOnly values are (RFC 7644 §3.5.1).
        JsonNode created = body(t.c().post("/Users", "{\"userName\":\"cy@example.com\",\"groups\":[{\"value\":\""
                + t.other() + "\",\"type\":\"direct\"}]}").expectStatus().isCreated());
        assertThat(created.get("groups")).isNull();
        JsonNode put = body(t.c().put("/Users/" + t.bob(), "{\"userName\":\"bob@example.com\",\"groups\":[{\"value\":\""
                + t.other() + "\"}]}").expectStatus().isOk());
        assertThat(put.get("groups")).isNull();
        assertThat(byValue(body(t.c().get("/Users/" + t.ann()).expectStatus().isOk()).get("groups")))
                .containsOnlyKeys(t.child(), t.parent(), t.other());
        JsonNode other = body(t.c().get("/Groups/" + t.other()).expectStatus().isOk());
        assertThat(other.get("members")).hasSize(1);
    }

    @Test
    void anotherTenantsGroupsNeverShowOrMatch() {
        Tenant a = tenant("uiso-a");
        Tenant b = tenant("uiso-b");
        // B tries to nest A's group and add A's user: both name nothing of B's and are skipped.
        b.c().patch("/Groups/" + b.parent(), patch("{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\""
                + a.parent() + "\",\"type\":\"Group\"},{\"value\":\"" + a.ann() + "\"}]}")).expectStatus().isNoContent();

        assertThat(byValue(body(a.c().get("/Users/" + a.ann()).expectStatus().isOk()).get("groups")))
                .containsOnlyKeys(a.child(), a.parent(), a.other());
        assertThat(byValue(body(b.c().get("/Users/" + b.ann()).expectStatus().isOk()).get("groups")))
                .containsOnlyKeys(b.child(), b.parent(), b.other());
        assertThat(userNames(b.c(), "groups.value eq \"" + a.parent() + "\"")).isEmpty();
        assertThat(userNames(b.c(), "groups.display eq \"Parent\"")).containsExactly("ann@example.com");
        assertThat(body(b.c().get("/Users?filter=" + enc("groups.display eq \"Parent\"")).expectStatus().isOk())
                .at("/Resources/0/id").stringValue()).isEqualTo(b.ann());
        b.c().get("/Users/" + a.ann()).expectStatus().isNotFound();
    }

    @Test
    void theUserSchemaDescribesGroupsAsReadOnly() {
        ScimClient c = newScimClient("uschema");
        JsonNode schema = body(c.get("/Schemas/urn:ietf:params:scim:schemas:core:2.0:User").expectStatus().isOk());
        JsonNode groups = null;
        for (JsonNode attribute : schema.get("attributes")) {
            if (attribute.get("name").stringValue().equals("groups")) {
                groups = attribute;
            }
        }
        assertThat(groups).isNotNull();
        assertThat(groups.get("mutability").stringValue()).isEqualTo("readOnly");
        assertThat(groups.get("multiValued").booleanValue()).isTrue();
        Map<String, JsonNode> subs = new LinkedHashMap<>();
        groups.get("subAttributes").forEach(sub -> subs.put(sub.get("name").stringValue(), sub));
        assertThat(subs).containsOnlyKeys("value", "$ref", "display", "type");
        assertThat(subs.values()).allSatisfy(sub -> assertThat(sub.get("mutability").stringValue()).isEqualTo("readOnly"));
    }

    private static java.util.List<String> userNames(ScimClient c, String filter) {
        JsonNode page = body(c.get("/Users?filter=" + enc(filter)).expectStatus().isOk());
        java.util.List<String> names = new java.util.ArrayList<>();
        page.get("Resources").forEach(user -> names.add(user.get("userName").stringValue()));
        assertThat(page.get("totalResults").asInt()).isEqualTo(names.size());
        return names;
    }

    private String createGroup(ScimClient c, String name, String members) {
        return body(c.post("/Groups", "{\"displayName\":\"" + name + "\",\"members\":" + members + "}")
                .expectStatus().isCreated()).get("id").stringValue();
    }

    private static String patch(String operations) {
        return "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],\"Operations\":[" + operations + "]}";
    }

    private static Map<String, JsonNode> byValue(JsonNode groups) {
        assertThat(groups).as("groups").isNotNull();
        Map<String, JsonNode> map = new LinkedHashMap<>();
        groups.forEach(g -> map.put(g.get("value").stringValue(), g));
        return map;
    }

    private static Map<String, JsonNode> byId(JsonNode resources) {
        Map<String, JsonNode> map = new LinkedHashMap<>();
        resources.forEach(r -> map.put(r.get("id").stringValue(), r));
        return map;
    }

    private static String enc(String filter) {
        return URLEncoder.encode(filter, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
