package dev.scimgateway.scim;

import static dev.scimgateway.support.ScimClient.body;
import static org.assertj.core.api.Assertions.assertThat;

import dev.scimgateway.support.GatewayTest;
import dev.scimgateway.support.ScimClient;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;

/** A tenant registers an extension schema (Okta's custom attributes) and uses it end to end. */
class TenantExtensionTest extends GatewayTest {

    private static final String URN = "urn:ietf:params:scim:schemas:extension:acme:2.0:User";
    private static final String SCHEMA = """
            {"id":"%s","name":"AcmeUser","description":"Acme's profile attributes","resourceType":"User",
             "attributes":[
               {"name":"costCode","type":"string","multiValued":false,"required":false,"caseExact":false,
                "mutability":"readWrite","returned":"default","uniqueness":"none"},
               {"name":"level","type":"integer"},
               {"name":"badges","type":"string","multiValued":true},
               {"name":"office","type":"complex","subAttributes":[{"name":"city","type":"string"},{"name":"floor","type":"integer"}]}]}
            """.formatted(URN);

    private void register(String tenant) {
        admin(http.put().uri("/admin/v1/tenants/{t}/schemas/{urn}", tenant, URN).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(SCHEMA)).exchange().expectStatus().isCreated();
    }

    @Test
    void registeredExtensionIsValidatedStoredReturnedFilterableAndPatchable() {
        ScimClient acme = newScimClient("ext");
        register(acme.tenantId());
        // Registering again replaces.
        admin(http.put().uri("/admin/v1/tenants/{t}/schemas/{urn}", acme.tenantId(), URN)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(SCHEMA)).exchange().expectStatus().isOk();

        JsonNode user = body(acme.post("/Users", """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User","%s"],"userName":"ext@acme.com",
                 "%s":{"costCode":"CC-7","level":3,"badges":["gold"],"office":{"city":"Oslo","floor":4}}}"""
                .formatted(URN, URN)).expectStatus().isCreated());
        String id = user.get("id").stringValue();
        assertThat(user.get(URN).get("costCode").stringValue()).isEqualTo("CC-7");
        assertThat(user.get("schemas").valueStream().map(JsonNode::stringValue)).contains(URN);

        acme.post("/Users", """
                {"userName":"bad@acme.com","%s":{"level":"high"}}""".formatted(URN))
                .expectStatus().isBadRequest().expectBody().jsonPath("$.scimType").isEqualTo("invalidValue");

        String filter = URLEncoder.encode(URN + ":costCode eq \"cc-7\" and " + URN + ":level ge 3", StandardCharsets.UTF_8)
                .replace("+", "%20");
        acme.get("/Users?filter=" + filter).expectStatus().isOk().expectBody().jsonPath("$.totalResults").isEqualTo(1);
        acme.get("/Users?sortBy=" + URN + ":level").expectStatus().isOk();

        acme.patch("/Users/" + id, """
                {"Operations":[{"op":"replace","path":"%s:office.city","value":"Bergen"},
                               {"op":"add","path":"%s:badges","value":["silver"]}]}""".formatted(URN, URN))
                .expectStatus().isNoContent();
        JsonNode patched = body(acme.get("/Users/" + id).expectStatus().isOk());
        assertThat(patched.get(URN).at("/office/city").stringValue()).isEqualTo("Bergen");
        assertThat(patched.get(URN).get("badges")).hasSize(2);

        JsonNode schemas = body(acme.get("/Schemas").expectStatus().isOk());
        assertThat(schemas.get("Resources").valueStream().map(s -> s.get("id").stringValue())).contains(URN);
        acme.get("/Schemas/" + URN).expectStatus().isOk().expectBody().jsonPath("$.attributes.length()").isEqualTo(4);
        JsonNode userType = body(acme.get("/ResourceTypes/User").expectStatus().isOk());
        assertThat(userType.get("schemaExtensions").valueStream().map(e -> e.get("schema").stringValue())).contains(URN);
    }

    @Test
    void extensionsBelongToTheirTenantOnly() {
        ScimClient acme = newScimClient("extown");
        ScimClient other = newScimClient("extother");
        register(acme.tenantId());
        other.post("/Users", """
                {"userName":"x@other.com","%s":{"costCode":"1"}}""".formatted(URN))
                .expectStatus().isBadRequest().expectBody().jsonPath("$.detail").value(d -> assertThat(d.toString()).contains(URN));
        other.get("/Schemas/" + URN).expectStatus().isNotFound();
        other.get("/Users?filter=" + URN + ":costCode%20pr").expectStatus().isBadRequest()
                .expectBody().jsonPath("$.scimType").isEqualTo("invalidFilter");

        admin(http.delete().uri("/admin/v1/tenants/{t}/schemas/{urn}", acme.tenantId(), URN)).exchange()
                .expectStatus().isNoContent();
        acme.post("/Users", """
                {"userName":"y@acme.com","%s":{"costCode":"1"}}""".formatted(URN)).expectStatus().isBadRequest();
    }

    @Test
    void malformedSchemasAreRefusedWithAReason() {
        String tenant = newTenant("extbad");
        for (String bad : new String[] {
                "{\"id\":\"not-a-urn\",\"attributes\":[{\"name\":\"a\"}]}",
                "{\"id\":\"" + URN + "\",\"attributes\":[]}",
                "{\"id\":\"" + URN + "\",\"attributes\":[{\"name\":\"a\",\"type\":\"float\"}]}",
                "{\"id\":\"" + URN + "\",\"attributes\":[{\"name\":\"a\"},{\"name\":\"A\"}]}",
                "{\"id\":\"" + URN + "\",\"attributes\":[{\"name\":\"c\",\"type\":\"complex\"}]}",
                "{\"id\":\"" + URN + "\",\"resourceType\":\"Device\",\"attributes\":[{\"name\":\"a\"}]}",
                "{\"id\":\"urn:ietf:params:scim:schemas:core:2.0:User\",\"attributes\":[{\"name\":\"a\"}]}"}) {
            String urn = bad.contains("not-a-urn") ? "not-a-urn" : bad.contains("core:2.0:User") ? "urn:ietf:params:scim:schemas:core:2.0:User" : URN;
            admin(http.put().uri("/admin/v1/tenants/{t}/schemas/{urn}", tenant, urn).contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(bad)).exchange().expectStatus().isBadRequest().expectBody().jsonPath("$.detail").isNotEmpty();
        }
    }
}
