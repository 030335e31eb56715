package dev.scimgateway.scim;

import static dev.scimgateway.support.ScimClient.body;
import static org.assertj.core.api.Assertions.assertThat;

import dev.scimgateway.support.GatewayTest;
import dev.scimgateway.support.ScimClient;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every way into the gateway rewrites client quirks before the protocol code reads the request
 * (compat.ClientQuirks): the bodies of writes, list and search parameters, discovery ids, bulk
 * operations and stream lines. The protocol code refuses the quirky forms by itself.
 */
class QuirksAtTheEdgeTest extends GatewayTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
    private static final String ONELOGIN_ENTERPRISE = "urn:scim:schemas:extension:enterprise:2.0";

    @Test
    void bodiesOfPutAndPatch() {
        ScimClient c = newScimClient("edgebodies");
        String id = c.createUser("ann@example.com");
        String manager = c.createUser("boss@example.com");

        c.put("/Users/" + id, """
                {"userName":"ann@example.com","active":"False","%s":{"department":"Sales"}}""".formatted(ONELOGIN_ENTERPRISE))
                .expectStatus().isOk().expectBody().jsonPath("$.active").isEqualTo(false)
                .jsonPath("$['" + ENTERPRISE + "'].department").isEqualTo("Sales");
        c.patch("/Users/" + id + "?attributes=active," + ENTERPRISE, """
                {"Operations":[{"op":"Add","path":"%s:manager","value":"%s"},
                  {"op":"Replace","path":"%s:department","value":"Ops"},
                  {"op":"Replace","value":{"id":"%s","active":"True"}}]}""".formatted(ENTERPRISE, manager,
                ONELOGIN_ENTERPRISE, id.toUpperCase()))
                .expectStatus().isOk().expectBody().jsonPath("$.active").isEqualTo(true)
                .jsonPath("$['" + ENTERPRISE + "'].manager.value").isEqualTo(manager)
                .jsonPath("$['" + ENTERPRISE + "'].department").isEqualTo("Ops");
    }

    @Test
    void listSearchAndDiscoveryParameters() {
        ScimClient c = newScimClient("edgeparams");
        c.post("/Users", """
                {"userName":"Omar@example.com","emails":[{"type":"work","value":"omar@example.com"}],
                 "%s":{"employeeNumber":"42"}}""".formatted(ENTERPRISE)).expectStatus().isCreated();

        c.get("/Users?filter=" + ONELOGIN_ENTERPRISE + ":employeeNumber%20eq%20%2242%22&attributes=" + ONELOGIN_ENTERPRISE
                        + ":employeeNumber&sortBy=" + ONELOGIN_ENTERPRISE + ":employeeNumber").expectStatus().isOk()
                .expectBody().jsonPath("$.totalResults").isEqualTo(1)
                .jsonPath("$.Resources[0]['" + ENTERPRISE + "'].employeeNumber").isEqualTo("42")
                .jsonPath("$.Resources[0].userName").doesNotExist();
        c.post("/Users/.search", """
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:SearchRequest"],
                 "filter":"userName sw O and emails[type eq work]","attributes":["emails[type eq \\"work\\"]"]}""")
                .expectStatus().isOk().expectBody().jsonPath("$.totalResults").isEqualTo(1)
                .jsonPath("$.Resources[0].emails[0].value").isEqualTo("omar@example.com");
        c.post("/.search", """
                {"filter":"userName sw O"}""").expectStatus().isOk().expectBody().jsonPath("$.totalResults").isEqualTo(1);
        c.get("/Schemas/" + ONELOGIN_ENTERPRISE).expectStatus().isOk().expectBody().jsonPath("$.id").isEqualTo(ENTERPRISE);
    }

    @Test
    void bulkOperationsAndStreamLines() {
        ScimClient c = newScimClient("edgebulk");
        String manager = c.createUser("boss@example.com");
        JsonNode response = body(c.post("/Bulk", """
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:BulkRequest"],"Operations":[
                  {"method":"POST","path":"/Users","bulkId":"u1","data":{"schemas":["urn:scim:schemas:core:2.0"],
                    "userName":"bulk@example.com","active":"False"}},
                  {"method":"PATCH","path":"/Users/bulkId:u1","data":{"Operations":[
                    {"op":"Add","path":"%s:manager","value":"%s"},
                    {"op":"Replace","value":{"id":"bulkId:u1","displayName":"Bulk"}}]}}]}"""
                .formatted(ENTERPRISE, manager)).expectStatus().isOk());
        assertThat(response.at("/Operations/0/status").stringValue()).isEqualTo("201");
        assertThat(response.at("/Operations/1/status").stringValue()).as(response.toString()).isEqualTo("200");
        String location = response.at("/Operations/0/location").stringValue();
        String user = location.substring(location.lastIndexOf('/') + 1);
        c.get("/Users/" + user).expectStatus().isOk().expectBody().jsonPath("$.active").isEqualTo(false)
                .jsonPath("$.displayName").isEqualTo("Bulk")
                .jsonPath("$['" + ENTERPRISE + "'].manager.value").isEqualTo(manager);

        List<JsonNode> results = stream(c, """
                {"method":"PATCH","path":"/Users/%s","data":{"Operations":[{"op":"Replace","path":"active","value":"True"}]}}
                """.formatted(user));
        assertThat(results.get(0).get("status").stringValue()).as(results.toString()).isEqualTo("200");
        c.get("/Users/" + user).expectStatus().isOk().expectBody().jsonPath("$.active").isEqualTo(true);
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
