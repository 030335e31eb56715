package dev.scimgateway.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scimgateway.storage.Database;
import dev.scimgateway.support.EmbeddedDatabases;
import dev.scimgateway.support.GatewayTest;
import dev.scimgateway.support.ScimClient;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code GET /admin/v1/tenants/{id}/activity}: pages, filters, exports, refusals of bad filters, access. */
class ActivityApiTest extends GatewayTest {

    @Autowired
    Database database;

    private ActivityApi api() {
        return new ActivityApi(http, ADMIN_TOKEN);
    }

    /** A tenant with {@code n} refused requests (404s on users that do not exist), all written. */
    private ScimClient tenantWithRefusals(String prefix, int n) {
        ScimClient idp = newScimClient(prefix);
        for (int i = 0; i < n; i++) {
            idp.get("/Users/" + UUID.randomUUID()).expectStatus().isNotFound();
        }
        assertThat(api().awaitRows(idp.tenantId(), "", rows -> rows.size() >= n)).hasSize(n);
        return idp;
    }

    @Test
    void cursorPagesCoverEveryRowOnceNewestFirst() {
        ScimClient idp = tenantWithRefusals("pages", 7);
        List<JsonNode> all = ActivityApi.rows(api().page(idp.tenantId(), "count=1000"));
        assertThat(all).hasSize(7);
        ActivityApi.assertNewestFirst(all);

        List<JsonNode> paged = new ArrayList<>();
        JsonNode page = api().page(idp.tenantId(), "count=3");
        int pages = 1;
        paged.addAll(ActivityApi.rows(page));
        while (page.has("next")) {
            page = api().page(idp.tenantId(), "count=3&cursor=" + page.get("next").stringValue());
            paged.addAll(ActivityApi.rows(page));
            pages++;
        }
        assertThat(pages).isEqualTo(3);
        assertThat(paged.stream().map(row -> row.get("id").asLong()).toList())
                .isEqualTo(all.stream().map(row -> row.get("id").asLong()).toList());
        assertThat(api().page(idp.tenantId(), "").get("activity")).hasSize(7);
    }

    @Test
    void filtersNarrowTheRows() {
        ScimClient idp = tenantWithRefusals("filters", 2);
        String user = idp.createUser("someone@example.com");
        String missing = UUID.randomUUID().toString();
        idp.patch("/Users/" + missing, "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],"
                + "\"Operations\":[{\"op\":\"replace\",\"path\":\"active\",\"value\":false}]}").expectStatus().isNotFound();
        idp.get("/Users?filter=bad%20filter").expectStatus().isBadRequest();
        String tenant = idp.tenantId();
        List<JsonNode> errors = api().awaitRows(tenant, "kind=error", rows -> rows.size() >= 4);
        assertThat(errors).hasSize(4);

        assertThat(api().all(tenant, "outcome=404")).hasSize(3);
        assertThat(api().all(tenant, "outcome=4xx")).hasSize(4);
        assertThat(api().all(tenant, "outcome=400")).hasSize(1);
        assertThat(api().all(tenant, "outcome=5xx")).isEmpty();
        assertThat(api().all(tenant, "resourceId=" + missing)).singleElement()
                .satisfies(row -> assertThat(row.get("method").stringValue()).isEqualTo("PATCH"));
        assertThat(api().all(tenant, "resourceType=User&kind=error")).hasSize(4);
        assertThat(api().all(tenant, "resourceType=Group")).isEmpty();
        assertThat(api().all(tenant, "token=idp&kind=error")).hasSize(4);
        assertThat(api().all(tenant, "token=someone-else")).isEmpty();
        String tokenId = errors.get(0).get("tokenId").stringValue();
        assertThat(api().all(tenant, "kind=error&tokenId=" + tokenId)).hasSize(4);
        assertThat(api().all(tenant, "kind=error&tokenId=" + UUID.randomUUID())).isEmpty();
        String newest = errors.get(0).get("at").stringValue();
        assertThat(api().all(tenant, "kind=error&until=" + newest)).hasSize(3);
        assertThat(api().all(tenant, "kind=error&since=" + newest)).hasSize(1);
        assertThat(api().all(tenant, "kind=error&since=2000-01-01T00:00:00Z&until=2000-01-02T00:00:00Z")).isEmpty();
        assertThat(user).isNotEmpty();
    }

    @Test
    void ndjsonAndCsvExportTheWholeFilteredRange() {
        int n = ActivityReader.EXPORT_PAGE + 3;
        ScimClient idp = tenantWithRefusals("export", 0);
        for (int i = 0; i < n; i++) {
            idp.get("/Users?filter=userName%20eq%20%22a,%22%22b%22").expectStatus().isBadRequest();
        }
        String tenant = idp.tenantId();
        api().awaitRows(tenant, "count=1000", rows -> rows.size() >= n);

        String ndjson = api().get(tenant, "outcome=400&count=2", ActivityReader.NDJSON).expectStatus().isOk()
                .expectHeader().contentType(ActivityReader.NDJSON)
                .expectBody(String.class).returnResult().getResponseBody();
        List<String> lines = ndjson.lines().toList();
        assertThat(lines).hasSize(n);
        JsonMapper json = JsonMapper.builder().build();
        List<JsonNode> rows = lines.stream().map(json::readTree).toList();
        ActivityApi.assertNewestFirst(rows);
        assertThat(new HashSet<>(rows.stream().map(row -> row.get("requestId").stringValue()).toList())).hasSize(n);

        String csv = api().get(tenant, "outcome=400", MediaType.parseMediaType("text/csv")).expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.parseMediaType("text/csv"))
                .expectBody(String.class).returnResult().getResponseBody();
        List<String> records = csv.lines().toList();
        assertThat(records).hasSize(n + 1);
        assertThat(records.get(0)).startsWith("id,at,kind,seq,action,resourceType,resourceId");
        String detail = rows.get(0).get("detail").stringValue();
        assertThat(detail).contains("\"");
        assertThat(records.get(1)).startsWith(rows.get(0).get("id").asLong() + ",")
                .contains("\"" + detail.replace("\"", "\"\"") + "\"");
    }

    @Test
    void badParametersGet400SayingWhatToFix() {
        String tenant = newTenant("badparams");
        for (String[] bad : new String[][] {{"kind=changes", "'kind' must be"}, {"count=0", "'count' must be"},
                {"count=100000", "'count' must be"}, {"outcome=ok", "'outcome' must be"},
                {"since=yesterday", "'since' must be an RFC 3339 time"}, {"resourceId=42", "'resourceId' must be an id"},
                {"cursor=bm90LWEtY3Vyc29y", "'cursor' is not one this API gave out"},
                {"colour=red", "Unknown parameter 'colour'"},
                {"since=2026-01-02T00:00:00Z&until=2026-01-01T00:00:00Z", "'since' must be before 'until'"}}) {
            api().get(tenant, bad[0], MediaType.APPLICATION_JSON).expectStatus().isBadRequest()
                    .expectBody().jsonPath("$.detail").value(detail -> assertThat((String) detail).contains(bad[1]));
        }
        api().get("no-such-tenant", "", MediaType.APPLICATION_JSON).expectStatus().isNotFound();
        // An offset's '+' sent unencoded arrives as a space; it still reads as the offset.
        api().get(tenant, "since=2026-01-01T09:00:00+01:00", MediaType.APPLICATION_JSON).expectStatus().isOk();
    }

    @Test
    void aTenantAdminReadsItsOwnTenantOnly() {
        ScimClient a = tenantWithRefusals("admin-a", 1);
        String b = newTenant("admin-b");
        String key = newAdminKey(a.tenantId(), "alice").get("key").stringValue();
        ActivityApi alice = new ActivityApi(http, key);
        assertThat(alice.page(a.tenantId(), "").get("activity")).hasSize(1);
        alice.get(b, "", MediaType.APPLICATION_JSON).expectStatus().isForbidden();
        alice.get(b, "", ActivityReader.NDJSON).expectStatus().isForbidden();
    }

    @Test
    void theLogHoldsNoPasswordAndNoToken() throws Exception {
        ScimClient idp = newScimClient("secrets");
        String password = "Pa55-" + UUID.randomUUID();
        String body = """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"kept@example.com",
                 "password":"%s","name":{"givenName":"Kept"}}""".formatted(password);
        idp.post("/Users", body).expectStatus().isCreated();
        idp.post("/Users", body).expectStatus().isEqualTo(409);
        idp.post("/Users", body.substring(0, body.indexOf(password) + password.length() + 1) + " \"x\"}").expectStatus()
                .isBadRequest();
        idp.post("/Users", body.replace("\"name\":{", "\"name\":[{")).expectStatus().isBadRequest();
        idp.post("/Users?password=" + password, body).expectStatus().isEqualTo(409);
        String tenant = idp.tenantId();
        api().awaitRows(tenant, "kind=error", rows -> rows.size() >= 4);

        List<String> outputs = List.of(
                api().get(tenant, "", MediaType.APPLICATION_JSON).expectBody(String.class).returnResult().getResponseBody(),
                api().get(tenant, "", ActivityReader.NDJSON).expectBody(String.class).returnResult().getResponseBody(),
                api().get(tenant, "", MediaType.parseMediaType("text/csv")).expectBody(String.class).returnResult()
                        .getResponseBody());
        List<String> stored = new ArrayList<>();
        try (Connection connection = EmbeddedDatabases.connect(database, dataDir(), "postgres");
                PreparedStatement select = connection.prepareStatement(
                        "SELECT a::text FROM activity a WHERE tenant_id = ?")) {
            select.setString(1, tenant);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    stored.add(rows.getString(1));
                }
            }
        }
        assertThat(stored).hasSizeGreaterThanOrEqualTo(3);
        for (String text : concat(outputs, stored)) {
            assertThat(text).doesNotContain(password).doesNotContain(idp.token());
        }
        assertThat(String.join("\n", stored)).contains("/scim/v2/Users");
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
