package dev.scimgateway.edge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scimgateway.support.GatewayTest;
import dev.scimgateway.support.RawHttp;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Every spelling of a protected path that a router and a prefix check could read differently
 * (matrix parameters, encoded ';' and '/', encoded letters, dot segments, doubled slashes, case)
 * is refused or authenticated: none is served without a credential. The admin API's variants
 * are sent with a real tenant id and a body that would create a token, so a hole shows as a 201.
 */
class PathConfusionTest extends GatewayTest {

    private static final String ID = "00000000-0000-4000-8000-000000000001";

    @LocalServerPort
    private int port;

    private record Protected(String method, String path, String body) {}

    private List<Protected> protectedPaths(String tenant) {
        String user = "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":\"x\"}";
        String bulk = "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:BulkRequest\"],\"Operations\":[]}";
        String search = "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:SearchRequest\"]}";
        return List.of(
                new Protected("POST", "/admin/v1/tenants/" + tenant + "/tokens", "{\"name\":\"x\"}"),
                new Protected("GET", "/admin/v1/tenants", null),
                new Protected("POST", "/admin/v1/tenants", "{\"id\":\"confused-" + tenant + "\"}"),
                new Protected("GET", "/admin/v1/tenants/" + tenant + "/limits", null),
                new Protected("GET", "/admin/v1/tenants/" + tenant + "/schemas", null),
                new Protected("POST", "/scim/v2/Users", user),
                new Protected("GET", "/scim/v2/Users/" + ID, null),
                new Protected("POST", "/scim/v2/Users/.search", search),
                new Protected("GET", "/scim/v2/Groups", null),
                new Protected("POST", "/scim/v2/Bulk", bulk),
                new Protected("POST", "/scim/v2/.search", search),
                new Protected("GET", "/scim/v2/ServiceProviderConfig", null),
                new Protected("GET", "/scim/v2/Schemas", null),
                new Protected("GET", "/scim/v2/ResourceTypes", null));
    }

    /** Every confusing spelling of the path, one change at a time at every segment. */
    static Set<String> variants(String path) {
        String[] segments = path.substring(1).split("/");
        Set<String> variants = new LinkedHashSet<>();
        for (int i = 0; i < segments.length; i++) {
            String segment = segments[i];
            for (String changed : List.of(segment + ";x", segment + ";", ";x" + segment, segment + "%3Bx",
                    segment + "%3b", "%" + Integer.toHexString(segment.charAt(0)) + segment.substring(1),
                    "%" + Integer.toHexString(segment.charAt(0)).toUpperCase(Locale.ROOT) + segment.substring(1),
                    segment.toUpperCase(Locale.ROOT), Character.toUpperCase(segment.charAt(0)) + segment.substring(1),
                    segment.toLowerCase(Locale.ROOT), "/" + segment, "./" + segment, "x/../" + segment,
                    "%2e/" + segment, "x/%2e%2e/" + segment, "x/%2E%2E/" + segment, segment + "/.",
                    segment + "/", segment + "%2F", segment + "%2fx", segment + "%5C")) {
                variants.add(join(segments, i, changed));
            }
            if (i + 1 < segments.length) {
                List<String> parts = new ArrayList<>(List.of(segments));
                parts.set(i, segment + "%2F" + parts.remove(i + 1));
                variants.add("/" + String.join("/", parts));
            }
        }
        variants.add("/" + path);
        variants.add(path + ";x");
        variants.remove(path);
        return variants;
    }

    private static String join(String[] segments, int at, String replacement) {
        List<String> parts = new ArrayList<>(List.of(segments));
        parts.set(at, replacement);
        return "/" + String.join("/", parts);
    }

    @Test
    void noSpellingOfAProtectedPathIsServedWithoutACredential() throws IOException {
        String tenant = newTenant("confusion");
        List<String> served = new ArrayList<>();
        int sent = 0;
        for (Protected target : protectedPaths(tenant)) {
            for (String variant : variants(target.path())) {
                RawHttp.Response response = RawHttp.send(port, target.method(), variant, target.body(),
                        "Content-Type: application/json");
                sent++;
                if (!Set.of(400, 401, 404).contains(response.status())) {
                    served.add(target.method() + " " + variant + " -> " + response.status() + " " + response.body());
                }
            }
        }
        assertThat(served).as("variants answered other than 400, 401 or 404").isEmpty();
        assertThat(sent).isGreaterThan(500);
        http.get().uri("/admin/v1/tenants/" + tenant + "/tokens").header("Authorization", "Bearer " + ADMIN_TOKEN)
                .exchange().expectStatus().isOk().expectBody().jsonPath("$.length()").isEqualTo(0);
    }

    @Test
    void aMatrixParameterIsRefusedWithAClearScimError() throws IOException {
        RawHttp.Response response = RawHttp.send(port, "POST", "/admin;x/v1/tenants/acme/tokens", "{\"name\":\"x\"}",
                "Content-Type: application/json");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body()).contains("urn:ietf:params:scim:api:messages:2.0:Error").contains("';'");
    }

    @Test
    void aConfusedScimPathWithoutATokenGetsAClientErrorNotAServerError() throws IOException {
        for (String target : List.of("/scim;x/v2/Users", "/scim/v2;x/Users", "/scim/v2/Bulk;x", "/%73cim/v2/Users",
                "/scim/v2/./Users", "/scim/v2/Users/%2e%2e/Groups")) {
            RawHttp.Response response = RawHttp.send(port, "GET", target, null);
            assertThat(response.status()).as(target).isIn(400, 401);
        }
    }

    @Test
    void theUsualSpellingsStillWork() {
        String token = newToken(newTenant("plain"), "t").get("token").stringValue();
        http.get().uri("/scim/v2/users/").header("Authorization", "Bearer " + token).exchange().expectStatus().isOk();
        http.get().uri("/scim/v2/Users").header("Authorization", "Bearer " + token).exchange().expectStatus().isOk();
        http.get().uri("/scim/v2/serviceConfiguration").header("Authorization", "Bearer " + token).exchange()
                .expectStatus().isOk();
    }
}
