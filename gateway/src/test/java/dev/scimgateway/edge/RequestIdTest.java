package dev.scimgateway.edge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scimgateway.support.GatewayTest;
import dev.scimgateway.support.RawHttp;
import java.io.IOException;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;

/** Every answer carries an X-Request-Id: successes, refusals of every step, unknown paths. */
class RequestIdTest extends GatewayTest {

    @LocalServerPort
    private int port;

    @Test
    void everyAnswerCarriesItsOwnRequestId() throws IOException {
        String token = newToken(newTenant("request-id"), "t").get("token").stringValue();
        Set<String> ids = new HashSet<>();
        for (RawHttp.Response response : Set.of(
                RawHttp.send(port, "GET", "/scim/v2/Users", null, "Authorization: Bearer " + token),
                RawHttp.send(port, "GET", "/scim/v2/Users", null),
                RawHttp.send(port, "GET", "/scim;x/v2/Users", null),
                RawHttp.send(port, "GET", "/admin/v1/tenants", null),
                RawHttp.send(port, "GET", "/scim/v2/Nothing", null, "Authorization: Bearer " + token),
                RawHttp.send(port, "GET", "/actuator/health", null))) {
            String id = response.header(RequestIds.HEADER);
            assertThat(id).as("status " + response.status()).matches("[0-9a-f]{32}");
            ids.add(id);
        }
        assertThat(ids).hasSize(6);
    }

    @Test
    void aClientsOwnIdIsNotTakenUnlessTheProxyIsTrusted() throws IOException {
        RawHttp.Response response = RawHttp.send(port, "GET", "/scim/v2/Users", null, "X-Request-Id: forged");

        assertThat(response.header(RequestIds.HEADER)).isNotEqualTo("forged");
    }

    @Test
    void aTrustedProxysIdIsTakenWhenItIsPlainAscii() {
        RequestIds trusted = new RequestIds(true);
        assertThat(answeredId(trusted, "abc-123")).isEqualTo("abc-123");
        assertThat(answeredId(trusted, "two words")).matches("[0-9a-f]{32}");
        assertThat(answeredId(trusted, "x".repeat(129))).matches("[0-9a-f]{32}");
    }

    private static String answeredId(RequestIds ids, String incoming) {
        var exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/scim/v2/Users")
                .header(RequestIds.HEADER, incoming));
        String id = ids.assign(exchange);
        assertThat(exchange.getResponse().getHeaders().getFirst(RequestIds.HEADER)).isEqualTo(id);
        return id;
    }
}
