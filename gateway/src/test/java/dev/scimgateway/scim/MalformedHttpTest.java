package dev.scimgateway.scim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scimgateway.support.GatewayTest;
import dev.scimgateway.support.RawHttp;
import dev.scimgateway.support.ScimClient;
import java.io.IOException;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpMethod;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Requests broken at the HTTP level (headers that do not parse, request targets that are not
 * URIs, methods a path does not have) get a 4xx SCIM error that says what to fix, never a 5xx or
 * an empty body. They go over a raw socket: HTTP clients refuse to send most of them.
 */
class MalformedHttpTest extends GatewayTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String USER = "{\"userName\":\"%s\"}";

    @LocalServerPort
    private int port;

    private RawHttp.Response send(String method, String target, @Nullable String body, String... headers)
            throws IOException {
        return RawHttp.send(port, method, target, body, headers);
    }

    /** The SCIM error of RFC 7644 §3.12, as application/scim+json; returns its detail. */
    private static String scimError(RawHttp.Response response, int status) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.header("Content-Type")).as(response.toString()).startsWith("application/scim+json");
        JsonNode error = JSON.readTree(response.body());
        assertThat(error.path("schemas").path(0).asString()).isEqualTo("urn:ietf:params:scim:api:messages:2.0:Error");
        assertThat(error.path("status").isString()).isTrue();
        assertThat(error.path("status").asString()).isEqualTo(Integer.toString(status));
        String detail = error.path("detail").asString();
        assertThat(detail).isNotBlank().doesNotContain("Exception").doesNotContain("tools.jackson")
                .doesNotContain("org.springframework");
        return detail;
    }

    private static String bearer(ScimClient client) {
        return "Authorization: Bearer " + client.token();
    }

    @Test
    void junkContentTypeIsIgnoredWithoutABody() throws IOException {
        ScimClient c = newScimClient("ctype-get");
        String id = c.createUser("ctype-get@example.com");
        for (String junk : new String[] {";;;", "application/json; charset=bogus", "text"}) {
            assertThat(send("GET", "/scim/v2/Users/" + id, null, bearer(c), "Content-Type: " + junk).status())
                    .as(junk).isEqualTo(200);
            assertThat(send("GET", "/admin/v1/tenants", null, "Authorization: Bearer " + ADMIN_TOKEN,
                    "Content-Type: " + junk).status()).as(junk).isEqualTo(200);
        }
        assertThat(send("DELETE", "/scim/v2/Users/" + id, null, bearer(c), "Content-Type: ;;;").status()).isEqualTo(204);
    }

    @Test
    void junkContentTypeWithABodyIs415() throws IOException {
        ScimClient c = newScimClient("ctype-body");
        for (String junk : new String[] {";;;", "application/scim+json; charset=bogus"}) {
            String detail = scimError(send("POST", "/scim/v2/Users", USER.formatted("ctype@example.com"), bearer(c),
                    "Content-Type: " + junk), 415);
            assertThat(detail).contains(junk).contains("application/scim+json");
            scimError(send("POST", "/scim/v2/Bulk", "{}", bearer(c), "Content-Type: " + junk), 415);
            scimError(send("POST", "/admin/v1/tenants", "{\"id\":\"never-made\"}",
                    "Authorization: Bearer " + ADMIN_TOKEN, "Content-Type: " + junk), 415);
        }
        c.get("/Users").expectStatus().isOk().expectBody().jsonPath("$.totalResults").isEqualTo(0);
    }

    @Test
    void junkAcceptIs400BeforeAnythingIsWritten() throws IOException {
        ScimClient c = newScimClient("accept");
        for (String junk : new String[] {";;;", "application/scim+json; q=abc"}) {
            assertThat(scimError(send("GET", "/scim/v2/Users", null, bearer(c), "Accept: " + junk), 400))
                    .contains(junk).contains("Accept");
            scimError(send("POST", "/scim/v2/Users", USER.formatted("accept@example.com"), bearer(c),
                    "Content-Type: application/scim+json", "Accept: " + junk), 400);
            scimError(send("GET", "/scim/v2/ServiceProviderConfig", null, bearer(c), "Accept: " + junk), 400);
        }
        c.get("/Users").expectStatus().isOk().expectBody().jsonPath("$.totalResults").isEqualTo(0);
        // The error handler renders with a junk Accept too, whatever the error is.
        scimError(send("GET", "/scim/v2/Users", null, "Accept: ;;;"), 401);
    }

    @Test
    void requestTargetsThatAreNotUrisAre400() throws IOException {
        ScimClient c = newScimClient("bad-uri");
        assertThat(scimError(send("GET", "/scim/v2/Users?filter=%ZZ", null, bearer(c)), 400)).contains("%ZZ");
        assertThat(scimError(send("GET", "/scim/v2/Users?filter=userName%20eq%20\"x\"", null, bearer(c)), 400))
                .contains("%20");
        // A raw space splits the request line itself: the HTTP decoder refuses it before any route.
        scimError(send("GET", "/scim/v2/Users?filter=userName eq \"x\"", null, bearer(c)), 400);
    }

    @Test
    void oversizedRequestLinesAndHeadersGetScimBodies() throws IOException {
        ScimClient c = newScimClient("too-long");
        String longFilter = "/scim/v2/Users?filter=userName%20eq%20%22" + "a".repeat(5000) + "%22";
        assertThat(scimError(send("GET", longFilter, null, bearer(c)), 414)).contains(".search");
        scimError(send("GET", "/scim/v2/Users", null, bearer(c), "X-Padding: " + "p".repeat(20_000)), 431);
    }

    @Test
    void unsupportedMethodsAre405WithAllow() throws IOException {
        ScimClient c = newScimClient("methods");
        RawHttp.Response put = send("PUT", "/scim/v2/Users", "{}", bearer(c), "Content-Type: application/scim+json");
        assertThat(scimError(put, 405)).contains("PUT").contains("GET, HEAD, POST");
        assertThat(put.header("Allow")).contains("GET").contains("HEAD").contains("POST").doesNotContain("PUT");
        RawHttp.Response delete = send("DELETE", "/scim/v2/ServiceProviderConfig", null, bearer(c));
        scimError(delete, 405);
        assertThat(delete.header("Allow")).isEqualTo("GET,HEAD");
        assertThat(send("GET", "/scim/v2/Bulk", null, bearer(c)).header("Allow")).isEqualTo("POST");
        assertThat(send("POST", "/scim/v2/Users/" + c.createUser("m@example.com"), "{}", bearer(c),
                "Content-Type: application/scim+json").header("Allow")).contains("PATCH").doesNotContain("POST");
        // Paths no route has stay 404; a method a route has is served as before.
        scimError(send("PUT", "/scim/v2/Nothing", "{}", bearer(c), "Content-Type: application/scim+json"), 404);
        assertThat(send("GET", "/scim/v2/Users", null, bearer(c)).status()).isEqualTo(200);
    }

    /**
     * Only {@code chunked} alone frames a body: the decoder would pass the compressed bytes of
     * {@code gzip, chunked} on as the body, and a proxy in front may read such framing otherwise
     * than the gateway (request smuggling). An HTTP/1.0 request with any Transfer-Encoding is
     * faulty framing (RFC 9112 §6.1). Each is refused before anything reads the body.
     */
    @Test
    void transferCodingsOtherThanChunkedAloneAre400() throws IOException {
        ScimClient c = newScimClient("codings");
        for (String codings : new String[] {"gzip, chunked", "chunked, chunked", "identity, chunked",
                "chunked\r\nTransfer-Encoding: chunked"}) {
            RawHttp.Response refused = RawHttp.sendRaw(port, "POST /scim/v2/Users HTTP/1.1\r\nHost: localhost\r\n"
                    + bearer(c) + "\r\nContent-Type: application/scim+json\r\nTransfer-Encoding: " + codings + "\r\n\r\n");
            // Netty's decoder refuses some of them itself, in words of its own.
            assertThat(scimError(refused, 400)).as(codings).contains("chunked");
            assertThat(refused.header("Connection")).as(codings).isEqualTo("close");
        }
        RawHttp.Response old = RawHttp.sendRaw(port, "POST /scim/v2/Users HTTP/1.0\r\nHost: localhost\r\n" + bearer(c)
                + "\r\nContent-Type: application/scim+json\r\nTransfer-Encoding: chunked\r\n\r\n");
        assertThat(scimError(old, 400)).contains("HTTP/1.1");
        c.get("/Users").expectStatus().isOk().expectBody().jsonPath("$.totalResults").isEqualTo(0);

        String user = USER.formatted("chunked@example.com");
        RawHttp.Response chunked = RawHttp.sendRaw(port, "POST /scim/v2/Users HTTP/1.1\r\nHost: localhost\r\n" + bearer(c)
                + "\r\nContent-Type: application/scim+json\r\nTransfer-Encoding: Chunked\r\n\r\n"
                + Integer.toHexString(user.length()) + "\r\n" + user + "\r\n0\r\n\r\n");
        assertThat(chunked.status()).as(chunked.toString()).isEqualTo(201);
    }

    /** HTTP/2 has a framing of its own; in a request line it means a client this gateway cannot speak with. */
    @Test
    void httpVersionsOtherThan1Point0And1Point1Are505() throws IOException {
        for (String version : new String[] {"HTTP/1.2", "HTTP/0.9", "HTTP/2.0", "HTTP/3.0"}) {
            RawHttp.Response refused = RawHttp.sendRaw(port,
                    "GET /scim/v2/ServiceProviderConfig " + version + "\r\nHost: localhost\r\n\r\n");
            assertThat(scimError(refused, 505)).as(version).contains(version).contains("HTTP/1.1");
        }
        for (String version : new String[] {"HTTP/1.0", "HTTP/1.1"}) {
            assertThat(RawHttp.sendRaw(port, "GET /livez " + version + "\r\nHost: localhost\r\n"
                    + "Connection: close\r\n\r\n").status()).as(version).isEqualTo(200);
        }
    }

    /** RFC 9110 §9.3.2: HEAD answers as GET would, status and headers, without the body. */
    @Test
    void headIsGetWithoutBody() {
        ScimClient c = newScimClient("head");
        String user = c.createUser("head@example.com");
        for (String path : new String[] {"/Users", "/Users/" + user, "/Groups", "/ServiceProviderConfig", "/Schemas"}) {
            var get = c.get(path).expectStatus().isOk().expectBody().returnResult();
            var head = c.send(HttpMethod.HEAD, path, null).expectStatus().isOk().expectBody().returnResult();
            assertThat(head.getResponseBody()).as(path).isNullOrEmpty();
            assertThat(head.getResponseHeaders().getContentType()).as(path).isEqualTo(get.getResponseHeaders().getContentType());
            assertThat(head.getResponseHeaders().getETag()).as(path).isEqualTo(get.getResponseHeaders().getETag());
        }
        c.send(HttpMethod.HEAD, "/Users/00000000-0000-4000-8000-000000000000", null).expectStatus().isNotFound()
                .expectBody().isEmpty();
        c.send(HttpMethod.HEAD, "/Bulk", null).expectStatus().isEqualTo(405).expectHeader().valueEquals("Allow", "POST")
                .expectBody().isEmpty();
        http.head().uri("/scim/v2/Users").exchange().expectStatus().isUnauthorized();
    }

    @Test
    void malformedAdminJsonSaysWhereWithoutParserInternals() {
        for (String body : new String[] {"{\"id\": \"x\"", "{\"id\": NaN}", "[".repeat(600)}) {
            String detail = http.post().uri("/admin/v1/tenants").header("Authorization", "Bearer " + ADMIN_TOKEN)
                    .header("Content-Type", "application/json")
                    .bodyValue(body).exchange().expectStatus().isBadRequest()
                    .expectBody(JsonNode.class).returnResult().getResponseBody().path("detail").asString();
            assertThat(detail).as(body).startsWith("The body is not valid JSON").doesNotContain("`")
                    .doesNotContain("Source").doesNotContain("Feature").doesNotContain("StreamRead");
        }
        String detail = http.post().uri("/admin/v1/tenants").header("Authorization", "Bearer " + ADMIN_TOKEN)
                    .header("Content-Type", "application/json")
                .bodyValue("{\n  \"id\": \"x\",\n}").exchange().expectStatus().isBadRequest()
                .expectBody(JsonNode.class).returnResult().getResponseBody().path("detail").asString();
        assertThat(detail).contains("(line 3, column 1)");
    }
}
