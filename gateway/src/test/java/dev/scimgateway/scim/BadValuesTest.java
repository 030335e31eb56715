package dev.scimgateway.scim;

import static dev.scimgateway.support.ScimClient.body;
import static org.assertj.core.api.Assertions.assertThat;

import dev.scimgateway.support.GatewayTest;
import dev.scimgateway.support.ScimClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Values PostgreSQL cannot index or hold, filters too large to walk and member ids that are not
 * ids, on real PostgreSQL: each is a 400 whose detail names what to fix, and nothing is written.
 */
class BadValuesTest extends GatewayTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String USER_URN = "urn:ietf:params:scim:schemas:core:2.0:User";
    private static final String GROUP_URN = "urn:ietf:params:scim:schemas:core:2.0:Group";
    private static final String ENTERPRISE_URN = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
    /** The documented maximum length of userName, externalId and displayName. */
    private static final int MAX_LENGTH = 512;
    /** The documented maximum number of comparisons in one filter. */
    private static final int MAX_COMPARISONS = 1000;
    /** Four bytes in UTF-8: the worst case for the size of an index row. */
    private static final String WIDE = "\uD83D\uDE00";
    private static final String TOO_LONG = WIDE.repeat(MAX_LENGTH + 1);
    private static final String AT_LIMIT = WIDE.repeat(MAX_LENGTH);
    /** A JSON string escape for U+0000, spelled so that javac does not read it as a unicode escape. */
    private static final String NUL_ESCAPE = "\\" + "u0000";

    private static JsonNode expectError(WebTestClient.ResponseSpec response, int status, String scimType,
            String... detailMentions) {
        JsonNode error = body(response.expectStatus().isEqualTo(status)
                .expectHeader().contentTypeCompatibleWith("application/scim+json"));
        assertThat(error.path("schemas").path(0).asString()).isEqualTo("urn:ietf:params:scim:api:messages:2.0:Error");
        assertThat(error.path("status").asString()).isEqualTo(Integer.toString(status));
        assertThat(error.path("scimType").asString()).isEqualTo(scimType);
        assertThat(error.path("detail").asString()).contains(detailMentions);
        return error;
    }

    private static ObjectNode user(String userName) {
        ObjectNode user = JSON.createObjectNode();
        user.putArray("schemas").add(USER_URN);
        user.put("userName", userName);
        return user;
    }

    private static ObjectNode group(String displayName) {
        ObjectNode group = JSON.createObjectNode();
        group.putArray("schemas").add(GROUP_URN);
        group.put("displayName", displayName);
        return group;
    }

    private static String patch(String operations) {
        return "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],\"Operations\":" + operations + "}";
    }

    private static String quoted(String value) {
        return JSON.writeValueAsString(value);
    }

    private static String id(WebTestClient.ResponseSpec created) {
        return body(created.expectStatus().isCreated()).get("id").asString();
    }

    private static String joined(int count, String separator, IntFunction<String> term) {
        return IntStream.range(0, count).mapToObj(term).collect(Collectors.joining(separator));
    }

    @Test
    void indexedUserAttributesOverTheLimitAreRefusedOnEveryWrite() {
        ScimClient c = newScimClient("longuser");
        for (String attribute : List.of("userName", "externalId", "displayName")) {
            ObjectNode user = user("long-" + attribute.toLowerCase() + "@example.com").put(attribute, TOO_LONG);
            expectError(c.post("/Users", user), 400, "invalidValue", "'" + attribute + "'", String.valueOf(MAX_LENGTH));
        }
        // Random letters do not compress: as an index row, 3,000 of them are over PostgreSQL's limit.
        String letters = new Random(7).ints(3000, 'a', 'z' + 1)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        expectError(c.post("/Users", user(letters)), 400, "invalidValue", "'userName'");
        c.get("/Users").expectStatus().isOk().expectBody().jsonPath("$.totalResults").isEqualTo(0);

        // At the limit every index takes the row, the lower() expression indexes included.
        ObjectNode longest = user(AT_LIMIT).put("externalId", AT_LIMIT).put("displayName", AT_LIMIT);
        String id = id(c.post("/Users", longest));

        expectError(c.put("/Users/" + id, longest.deepCopy().put("displayName", TOO_LONG)), 400, "invalidValue",
                "'displayName'");
        for (String operation : List.of(
                "{\"op\":\"replace\",\"path\":\"displayName\",\"value\":" + quoted(TOO_LONG) + "}",
                "{\"op\":\"add\",\"path\":\"externalId\",\"value\":" + quoted(TOO_LONG) + "}",
                "{\"op\":\"replace\",\"path\":\"" + USER_URN + ":userName\",\"value\":" + quoted(TOO_LONG) + "}",
                "{\"op\":\"replace\",\"value\":{\"userName\":" + quoted(TOO_LONG) + "}}",
                "{\"op\":\"add\",\"value\":{\"" + USER_URN + ":displayName\":" + quoted(TOO_LONG) + "}}")) {
            expectError(c.patch("/Users/" + id, patch("[" + operation + "]")), 400, "invalidValue",
                    String.valueOf(MAX_LENGTH));
        }
        JsonNode stored = body(c.get("/Users/" + id).expectStatus().isOk());
        assertThat(stored.get("userName").asString()).isEqualTo(AT_LIMIT);
        assertThat(stored.get("displayName").asString()).isEqualTo(AT_LIMIT);
        assertThat(stored.get("externalId").asString()).isEqualTo(AT_LIMIT);
    }

    @Test
    void indexedGroupAttributesOverTheLimitAreRefusedOnEveryWrite() {
        ScimClient c = newScimClient("longgroup");
        expectError(c.post("/Groups", group(TOO_LONG)), 400, "invalidValue", "'displayName'", String.valueOf(MAX_LENGTH));
        expectError(c.post("/Groups", group("Sales").put("externalId", TOO_LONG)), 400, "invalidValue", "'externalId'");
        c.get("/Groups").expectStatus().isOk().expectBody().jsonPath("$.totalResults").isEqualTo(0);

        String id = id(c.post("/Groups", group(AT_LIMIT).put("externalId", AT_LIMIT)));
        expectError(c.put("/Groups/" + id, group(TOO_LONG)), 400, "invalidValue", "'displayName'");
        String member = c.createUser("member@example.com");
        for (String operation : List.of(
                "{\"op\":\"replace\",\"path\":\"displayName\",\"value\":" + quoted(TOO_LONG) + "}",
                "{\"op\":\"replace\",\"path\":\"externalId\",\"value\":" + quoted(TOO_LONG) + "}",
                "{\"op\":\"replace\",\"value\":{\"displayName\":" + quoted(TOO_LONG) + ",\"members\":[{\"value\":\""
                        + member + "\"}]}}")) {
            expectError(c.patch("/Groups/" + id, patch("[" + operation + "]")), 400, "invalidValue",
                    String.valueOf(MAX_LENGTH));
        }
        JsonNode stored = body(c.get("/Groups/" + id).expectStatus().isOk());
        assertThat(stored.get("displayName").asString()).isEqualTo(AT_LIMIT);
        assertThat(stored.path("members").size()).isZero();
    }

    @Test
    void bulkOperationsWithOverlongValuesFailOneByOne() {
        ScimClient c = newScimClient("longbulk");
        String user = c.createUser("bulk-long@example.com");
        String group = id(c.post("/Groups", group("Bulk")));
        JsonNode response = body(c.post("/Bulk", """
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:BulkRequest"],"Operations":[
                  {"method":"POST","path":"/Users","bulkId":"u","data":{"userName":%1$s}},
                  {"method":"POST","path":"/Groups","bulkId":"g","data":{"displayName":%1$s}},
                  {"method":"PUT","path":"/Users/%2$s","data":{"userName":"bulk-long@example.com","externalId":%1$s}},
                  {"method":"PATCH","path":"/Groups/%3$s","data":{"Operations":[
                     {"op":"replace","path":"displayName","value":%1$s}]}}]}"""
                .formatted(quoted(TOO_LONG), user, group)).expectStatus().isOk());
        assertThat(response.get("Operations")).hasSize(4).allSatisfy(op -> {
            assertThat(op.get("status").asString()).isEqualTo("400");
            assertThat(op.at("/response/scimType").asString()).isEqualTo("invalidValue");
            assertThat(op.at("/response/detail").asString()).contains(String.valueOf(MAX_LENGTH));
        });
        assertThat(body(c.get("/Groups/" + group).expectStatus().isOk()).get("displayName").asString()).isEqualTo("Bulk");
    }

    @Test
    void filtersWithTooManyComparisonsAreRefusedNotCrashed() {
        ScimClient c = newScimClient("hugefilter");
        for (String joiner : List.of(" and ", " or ")) {
            String huge = joined(6500, joiner, i -> "id pr");
            for (String endpoint : List.of("/Users/.search", "/Groups/.search", "/.search")) {
                expectError(c.post(endpoint, JSON.createObjectNode().put("filter", huge)), 400, "invalidFilter",
                        String.valueOf(MAX_COMPARISONS));
            }
        }
        String overLimit = joined(MAX_COMPARISONS + 1, " or ", i -> "userName eq \"u" + i + "\"");
        expectError(c.post("/Users/.search", JSON.createObjectNode().put("filter", overLimit)), 400, "invalidFilter",
                String.valueOf(MAX_COMPARISONS));
    }

    @Test
    void filtersAtTheLimitWorkThroughEveryWalker() {
        ScimClient c = newScimClient("bigfilter");
        List<String> users = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            users.add(c.createUser("u" + i + "@example.com"));
        }
        // SQL translation, against the database.
        String byName = joined(MAX_COMPARISONS, " or ", i -> "userName eq \"u" + i + "@example.com\"");
        JsonNode found = body(c.post("/Users/.search", JSON.createObjectNode().put("filter", byName)).expectStatus().isOk());
        assertThat(found.get("totalResults").asInt()).isEqualTo(3);
        String allOf = joined(MAX_COMPARISONS, " and ", i -> "userName pr");
        assertThat(body(c.post("/Users/.search", JSON.createObjectNode().put("filter", allOf)).expectStatus().isOk())
                .get("totalResults").asInt()).isEqualTo(3);
        String inBrackets = "emails[" + joined(MAX_COMPARISONS, " or ", i -> "value eq \"u" + i + "@example.com\"") + "]";
        assertThat(body(c.post("/Users/.search", JSON.createObjectNode().put("filter", inBrackets)).expectStatus().isOk())
                .get("totalResults").asInt()).isEqualTo(3);

        // The in-memory evaluator, through a PATCH value filter.
        String types = joined(MAX_COMPARISONS - 1, " or ", i -> "type eq \"t" + i + "\"") + " or type eq \"work\"";
        c.patch("/Users/" + users.get(0), patch("[{\"op\":\"replace\",\"path\":\"emails[" + types.replace("\"", "\\\"")
                + "].display\",\"value\":\"Work\"}]")).expectStatus().is2xxSuccessful();
        assertThat(body(c.get("/Users/" + users.get(0)).expectStatus().isOk()).at("/emails/0/display").asString())
                .isEqualTo("Work");
        String overLimit = types + " or type eq \"x\"";
        expectError(c.patch("/Users/" + users.get(0), patch("[{\"op\":\"replace\",\"path\":\"emails["
                + overLimit.replace("\"", "\\\"") + "].display\",\"value\":\"Work\"}]")), 400, "invalidPath",
                String.valueOf(MAX_COMPARISONS));

        // Member removal by a long value filter.
        String groupId = id(c.post("/Groups", group("Big").set("members", JSON.valueToTree(
                users.stream().map(u -> java.util.Map.of("value", u)).toList()))));
        String ids = joined(MAX_COMPARISONS - 1, " or ", i -> "value eq \"00000000-0000-4000-8000-"
                + String.format("%012d", i) + "\"") + " or value eq \"" + users.get(1) + "\"";
        c.patch("/Groups/" + groupId, patch("[{\"op\":\"remove\",\"path\":\"members[" + ids.replace("\"", "\\\"")
                + "]\"}]")).expectStatus().is2xxSuccessful();
        assertThat(body(c.get("/Groups/" + groupId).expectStatus().isOk()).get("members")).hasSize(2);
    }

    @Test
    void nulCharactersInValuesAreRefusedNamingTheAttribute() {
        ScimClient c = newScimClient("nul");
        String nul = "a" + NUL_ESCAPE + "b";
        expectError(c.post("/Users", "{\"userName\":\"" + nul + "\"}"), 400, "invalidValue", "'userName'", "NUL");
        expectError(c.post("/Users", "{\"userName\":\"nul@example.com\",\"displayName\":\"" + nul + "\"}"),
                400, "invalidValue", "'displayName'", "NUL");
        expectError(c.post("/Users", "{\"userName\":\"nul@example.com\",\"name\":{\"givenName\":\"" + nul + "\"}}"),
                400, "invalidValue", "'name.givenName'");
        expectError(c.post("/Users", "{\"userName\":\"nul@example.com\",\"emails\":[{\"value\":\"" + nul + "\"}]}"),
                400, "invalidValue", "'emails.value'");
        expectError(c.post("/Users", "{\"userName\":\"nul@example.com\",\"" + ENTERPRISE_URN
                + "\":{\"employeeNumber\":\"" + nul + "\"}}"), 400, "invalidValue", "employeeNumber");
        c.get("/Users").expectStatus().isOk().expectBody().jsonPath("$.totalResults").isEqualTo(0);

        String user = c.createUser("nul@example.com");
        expectError(c.patch("/Users/" + user, patch("[{\"op\":\"replace\",\"path\":\"displayName\",\"value\":\""
                + nul + "\"}]")), 400, "invalidValue", "'displayName'", "NUL");
        String group = id(c.post("/Groups", group("Nul")));
        expectError(c.post("/Groups", "{\"displayName\":\"" + nul + "\"}"), 400, "invalidValue", "'displayName'");
        expectError(c.patch("/Groups/" + group, patch("[{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\""
                + user + "\",\"display\":\"" + nul + "\"}]}]")), 400, "invalidValue", "members.display", "NUL");
        assertThat(body(c.get("/Groups/" + group).expectStatus().isOk()).path("members").size()).isZero();
        expectError(admin(http.post().uri("/admin/v1/tenants").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"id\":\"nul-tenant\",\"displayName\":\"" + nul + "\"}")).exchange(), 400, "invalidValue",
                "'displayName'", "NUL");
    }

    @Test
    void nulCharactersInFiltersAreRefusedWithThePosition() {
        ScimClient c = newScimClient("nulfilter");
        // An escaped NUL inside the string, and a raw one (%00) in the query string.
        expectError(c.get("/Users?filter=userName%20eq%20%22a%5Cu0000%22"), 400, "invalidFilter", "position 14", "NUL");
        expectError(c.get("/Users?filter=userName%20eq%20%22a%00%22"), 400, "invalidFilter", "position 14", "NUL");
        expectError(c.post("/Users/.search", "{\"filter\":\"userName eq \\\"a" + NUL_ESCAPE + "\\\"\"}"), 400,
                "invalidFilter", "position 14", "NUL");
        expectError(c.get("/Groups?filter=displayName%20eq%20a%00"), 400, "invalidFilter", "NUL");
        String user = c.createUser("nulpath@example.com");
        expectError(c.patch("/Users/" + user, patch("[{\"op\":\"replace\",\"path\":\"emails[value eq \\\"" + NUL_ESCAPE
                + "\\\"].display\",\"value\":\"x\"}]")), 400, "invalidPath", "NUL");
    }

    /**
     * A member value that is not a string (digits are read as one) is malformed and refused; a
     * string that names no user (UUID or not) is skipped and counted, as issue 2 asks, so a push
     * never fails for it.
     */
    @Test
    void memberValuesThatAreNoStringsAreRefused() {
        ScimClient c = newScimClient("badmember");
        String user = c.createUser("member@example.com");
        expectError(c.post("/Groups", "{\"displayName\":\"Flags\",\"members\":[{\"value\":true}]}"), 400,
                "invalidValue", "members.value", "true");
        c.get("/Groups").expectStatus().isOk().expectBody().jsonPath("$.totalResults").isEqualTo(0);

        String group = id(c.post("/Groups", "{\"displayName\":\"Team\",\"members\":[{\"value\":\"" + user
                + "\"},{\"value\":\"abc\"}]}"));
        for (String operation : List.of(
                "{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":null}]}",
                "{\"op\":\"add\",\"path\":\"members\",\"value\":null}",
                "{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":{\"id\":7}}]}")) {
            expectError(c.patch("/Groups/" + group, patch("[" + operation + "]")), 400, "invalidValue", "members");
        }
        c.patch("/Groups/" + group, patch("[{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\"abc\"}]}]"))
                .expectStatus().is2xxSuccessful();
        JsonNode bulk = body(c.post("/Bulk", """
                {"Operations":[{"method":"POST","path":"/Groups","bulkId":"b","data":{"displayName":"B","members":[{"value":false}]}}]}""")
                .expectStatus().isOk());
        assertThat(bulk.at("/Operations/0/status").asString()).isEqualTo("400");
        assertThat(bulk.at("/Operations/0/response/scimType").asString()).isEqualTo("invalidValue");
        assertThat(body(c.get("/Groups/" + group).expectStatus().isOk()).get("members")).hasSize(1);
    }

    @Test
    void wellFormedMemberIdsKeepTheirDocumentedLeniency() {
        ScimClient c = newScimClient("goodmember");
        String user = c.createUser("kept@example.com");
        String other = c.createUser("other@example.com");
        // An id that names no user of the tenant is skipped; members without a type are users.
        String group = id(c.post("/Groups", "{\"displayName\":\"Team\",\"members\":[{\"value\":\"" + user
                + "\"},{\"value\":\"00000000-0000-4000-8000-000000000001\"}]}"));
        c.patch("/Groups/" + group, patch("[{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\"" + other
                + "\"},{\"value\":\"00000000-0000-4000-8000-000000000002\",\"type\":\"User\"}]}]"))
                .expectStatus().is2xxSuccessful();
        assertThat(body(c.get("/Groups/" + group).expectStatus().isOk()).get("members")).hasSize(2);
        // Okta's removal by value path, and removal of what cannot be a member: nothing to remove.
        c.patch("/Groups/" + group, patch("[{\"op\":\"remove\",\"path\":\"members[value eq \\\"" + other + "\\\"]\"},"
                + "{\"op\":\"remove\",\"path\":\"members[value eq \\\"abc\\\"]\"}]")).expectStatus().is2xxSuccessful();
        JsonNode members = body(c.get("/Groups/" + group).expectStatus().isOk()).get("members");
        assertThat(members).hasSize(1);
        assertThat(members.get(0).get("value").asString()).isEqualTo(user);
    }

    /**
     * A string member value that is no id (digits, Entra's "string id 1") is skipped and counted
     * the same way whether it arrives in POST, PUT or any PATCH form; removing it removes nothing.
     */
    @Test
    void memberStringsThatAreNoIdsAreSkippedByEveryWrite() {
        ScimClient c = newScimClient("stringmember");
        String user = c.createUser("digits@example.com");
        String skipped = "scim_group_members_skipped_total{tenant=\"" + c.tenantId() + "\"}";
        String group = id(c.post("/Groups", "{\"displayName\":\"Digits\",\"members\":[{\"value\":\"1234\"}]}"));
        c.put("/Groups/" + group, "{\"displayName\":\"Digits\",\"members\":[{\"value\":\"5678\"}]}")
                .expectStatus().isOk();
        for (String operation : List.of(
                "{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\"1234\"},{\"value\":\"" + user + "\"}]}",
                "{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\"string id 1\"}]}",
                "{\"op\":\"replace\",\"path\":\"members\",\"value\":[{\"value\":\"42\"},{\"value\":\"" + user + "\"}]}",
                "{\"op\":\"replace\",\"value\":{\"members\":[{\"value\":\"7\"},{\"value\":\"" + user + "\"}]}}",
                "{\"op\":\"remove\",\"path\":\"members[value eq \\\"123\\\"]\"}")) {
            c.patch("/Groups/" + group, patch("[" + operation + "]")).expectStatus().isNoContent();
        }
        assertThat(meter(skipped)).isEqualTo(6.0);
        JsonNode members = body(c.get("/Groups/" + group).expectStatus().isOk()).get("members");
        assertThat(members).hasSize(1);
        assertThat(members.get(0).get("value").asString()).isEqualTo(user);
        expectError(c.patch("/Groups/" + group, patch("[{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":1234}]}]")),
                400, "invalidValue", "members.value", "1234");
    }
}
