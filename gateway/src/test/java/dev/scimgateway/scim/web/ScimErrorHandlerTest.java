package dev.scimgateway.scim.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scimgateway.edge.Edge;
import dev.scimgateway.edge.RequestIds;
import dev.scimgateway.scim.protocol.ScimException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * What an error becomes on the wire when it ends a request late: the answer a handler had been
 * preparing is replaced whole, and a server error says what the client can know about its write.
 */
class ScimErrorHandlerTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /**
     * A 201 whose Idempotency-Key record could not be stored: the handler had set its headers. Sent
     * with the error's shorter body, the 201's Content-Length left the client waiting for the rest.
     */
    @Test
    void anErrorReplacesTheHeadersOfTheAnswerBeingPrepared() {
        var exchange = MockServerWebExchange.from(MockServerHttpRequest.post("/scim/v2/Users"));
        HttpHeaders prepared = exchange.getResponse().getHeaders();
        prepared.setContentLength(4000);
        prepared.set(HttpHeaders.LOCATION, "http://localhost/scim/v2/Users/1");
        prepared.setETag("W/\"1\"");

        new ScimErrorHandler(JSON).handle(exchange, ScimException.unavailable("The database is unavailable; retry later"))
                .block(Duration.ofSeconds(5));

        var response = exchange.getResponse();
        String body = response.getBodyAsString().block(Duration.ofSeconds(5));
        assertThat(response.getStatusCode().value()).isEqualTo(503);
        assertThat(response.getHeaders().getContentLength()).as("no Content-Length, or the error body's")
                .isIn(-1L, (long) body.getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
        assertThat(response.getHeaders().getFirst(HttpHeaders.LOCATION)).isNull();
        assertThat(response.getHeaders().getETag()).isNull();
        assertThat(response.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("1");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            GET    | /scim/v2/Users         | unavailable | The database is unavailable; retry later
            POST   | /scim/v2/Users/.search | unavailable | The database is unavailable; retry later
            POST   | /scim/v2/Users         | unavailable | The database is unavailable; retry later. The outcome is unknown: the request may or may not have been applied, so retry it with the same Idempotency-Key
            PATCH  | /scim/v2/Groups/1      | unavailable | The database is unavailable; retry later. The outcome is unknown: the request may or may not have been applied, so retry it with the same Idempotency-Key
            DELETE | /scim/v2/Users/1       | internal    | Internal error; retry later. The outcome is unknown: the request may or may not have been applied, so retry it with the same Idempotency-Key
            POST   | /scim/v2/Bulk          | refused     | The gateway is at its concurrency limit; retry shortly
            POST   | /scim/v2/.search       | unavailable | The database is unavailable; retry later
            HEAD   | /scim/v2/Users/1       | unavailable | The database is unavailable; retry later
            POST   | /admin/v1/tenants      | unavailable | The database is unavailable; retry later. The outcome is unknown: the request may or may not have been applied, so check before retrying it
            GET    | /scim/v2/Users         | internal    | Internal error; retry later
            """)
    void aServerErrorOnAWriteSaysItsOutcomeIsUnknown(String method, String path, String error, String detail) {
        var exchange = MockServerWebExchange.from(MockServerHttpRequest.method(HttpMethod.valueOf(method), path));
        Throwable failure = switch (error) {
            case "unavailable" -> ScimException.unavailable("The database is unavailable; retry later");
            case "refused" -> ScimException.refused("The gateway is at its concurrency limit; retry shortly", 1);
            default -> new IllegalStateException("a bug");
        };

        answerThroughTheEdge(exchange, failure);

        String body = exchange.getResponse().getBodyAsString().block(Duration.ofSeconds(5));
        assertThat(JSON.readTree(body).get("detail").stringValue()).isEqualTo(detail);
    }

    /** A request the edge refused as it entered has no context: its error is answered all the same. */
    @Test
    void aServerErrorOnARequestTheEdgeNeverClassifiedSaysNoMore() {
        var exchange = MockServerWebExchange.from(MockServerHttpRequest.post("/scim/v2/Users"));

        new ScimErrorHandler(JSON).handle(exchange, ScimException.unavailable("The database is unavailable; retry later"))
                .block(Duration.ofSeconds(5));

        String body = exchange.getResponse().getBodyAsString().block(Duration.ofSeconds(5));
        assertThat(JSON.readTree(body).get("detail").stringValue()).isEqualTo("The database is unavailable; retry later");
    }

    /** The request is classified by the edge, as every request the gateway serves is, and fails in its handler. */
    private static void answerThroughTheEdge(MockServerWebExchange exchange, Throwable failure) {
        var errors = new ScimErrorHandler(JSON);
        new Edge(new RequestIds(false), List.of()).filter(exchange, classified -> Mono.error(failure))
                .onErrorResume(e -> errors.handle(exchange, e))
                .block(Duration.ofSeconds(5));
    }
}
