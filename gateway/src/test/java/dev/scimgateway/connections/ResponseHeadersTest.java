package dev.scimgateway.connections;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scimgateway.support.GatewayTest;
import dev.scimgateway.support.RawHttp;
import dev.scimgateway.support.ScimClient;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;

/**
 * What every response says about itself: {@code X-Content-Type-Options: nosniff} on all of them,
 * errors and the answers written below WebFlux included; and {@code Cache-Control: no-store} on
 * the ones that carry a secret, which no cache on the way may keep.
 */
class ResponseHeadersTest extends GatewayTest {

    @LocalServerPort
    private int port;

    @Test
    void everyResponseForbidsContentSniffing() throws IOException {
        ScimClient c = newScimClient("nosniff");
        String bearer = "Authorization: Bearer " + c.token();
        Map<String, RawHttp.Response> responses = new LinkedHashMap<>();
        responses.put("SCIM 200", RawHttp.send(port, "GET", "/scim/v2/Users", null, bearer));
        responses.put("SCIM 201", RawHttp.send(port, "POST", "/scim/v2/Users", "{\"userName\":\"sniff@example.com\"}",
                bearer, "Content-Type: application/scim+json"));
        responses.put("SCIM 401", RawHttp.send(port, "GET", "/scim/v2/Users", null));
        responses.put("SCIM 404", RawHttp.send(port, "GET", "/scim/v2/Nothing", null, bearer));
        responses.put("SCIM 405", RawHttp.send(port, "DELETE", "/scim/v2/ServiceProviderConfig", null, bearer));
        responses.put("admin 200", RawHttp.send(port, "GET", "/admin/v1/tenants", null, "Authorization: Bearer " + ADMIN_TOKEN));
        responses.put("admin 401", RawHttp.send(port, "GET", "/admin/v1/tenants", null));
        responses.put("actuator", RawHttp.send(port, "GET", "/actuator/health", null));
        // Answered below WebFlux: by the invalid-URI route, and by Reactor Netty's decoder.
        responses.put("invalid URI", RawHttp.send(port, "GET", "/scim/v2/Users?filter=%ZZ", null, bearer));
        responses.put("headers too large", RawHttp.send(port, "GET", "/scim/v2/Users", null, bearer,
                "X-Padding: " + "p".repeat(20_000)));
        responses.put("HTTP version", RawHttp.sendRaw(port, "GET /scim/v2/Users HTTP/1.2\r\nHost: localhost\r\n\r\n"));
        responses.forEach((what, response) -> assertThat(response.header("X-Content-Type-Options"))
                .as("%s: %s", what, response).isEqualTo("nosniff"));
        assertThat(responses.values()).extracting(RawHttp.Response::status)
                .contains(200, 201, 401, 404, 405, 400, 431, 505);
        c.send(HttpMethod.HEAD, "/Users", null).expectStatus().isOk().expectHeader().valueEquals("X-Content-Type-Options", "nosniff");
    }

    @Test
    void aNewTokenIsNotToBeStoredByAnyCache() {
        String tenant = newTenant("no-store");
        admin(http.post().uri("/admin/v1/tenants/{t}/tokens", tenant).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "okta"))).exchange()
                .expectStatus().isCreated()
                .expectHeader().valueEquals("Cache-Control", "no-store")
                .expectBody().jsonPath("$.token").isNotEmpty();
    }
}
