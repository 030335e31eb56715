package dev.scimgateway.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scimgateway.console.ConsoleVisitor;
import dev.scimgateway.events.FeedPaths;
import dev.scimgateway.support.EmbeddedDatabases;
import dev.scimgateway.support.GatewayTest;
import dev.scimgateway.support.ScimClient;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;

/**
 * Issue 17, "ready to outgrow one PostgreSQL": with the schema distributed by tenant_id (Citus),
 * every statement the gateway sends reaches one tenant's shard, and every key of a distributed
 * table starts with tenant_id. The statements are the ones actually sent: {@link StatementRecorder}
 * records every statement of this JVM's gateway, so the check covers the workload driven here and
 * whatever the test classes that ran before it sent too.
 */
class RoutableStatementsTest extends GatewayTest {

    /**
     * Statements that read or write across tenants on purpose; Citus runs each as a multi-shard
     * statement. The runbook lists the same, with the same reasons.
     */
    static final Map<String, String> ACROSS_TENANTS = Map.of(
            "delete from idempotency_record where expires_at < now()",
            "retention: expired idempotency records of every tenant, in batches",
            "with oldest as (select tenant_id, id from activity where at <",
            "retention: the activity log's oldest rows of every tenant, in batches",
            "select distinct tenant_id from event_stream",
            "push delivery and the lag metric: the tenants that have streams",
            "update event_stream set push_owner =",
            "push delivery: a replica claims the push streams due, of every tenant",
            "select s.tenant_id, s.id, greatest(0, (select coalesce(max(a.seq), 0) from activity a",
            "the feed-lag metric: every stream's lag",
            "delete from oauth_code where expires_at <",
            "retention: OAuth codes a day past their expiry, of every tenant",
            "delete from oauth_refresh_token r where r.used_at <",
            "retention: rotated refresh tokens and those of revoked grants, of every tenant");

    @Autowired
    private Database database;

    @LocalServerPort
    private int port;

    @Test
    void everyStatementSentIsRoutedByTenant() throws java.io.IOException {
        representativeWorkload();

        List<String> problems = new ArrayList<>();
        List<String> report = new ArrayList<>();
        for (String sql : new java.util.TreeSet<>(StatementRecorder.sent())) {
            String problem = Routability.problem(sql);
            String text = sql.replaceAll("\\s+", " ");
            if (problem != null && !acrossTenantsOnPurpose(sql)) {
                problems.add(problem + ":\n    " + text);
            }
            report.add((problem == null ? "routed  " : acrossTenantsOnPurpose(sql) ? "across  " : "FAILED  ") + text);
        }
        // What was checked, for a reader of the build: every distinct statement and its verdict.
        java.nio.file.Files.write(java.nio.file.Path.of("target", "routable-statements.txt"), report);
        assertThat(StatementRecorder.sent()).as("statements recorded").hasSizeGreaterThan(40);
        assertThat(problems).as("statements not routable by tenant_id").isEmpty();
    }

    @Test
    void everyKeyOfADistributedTableStartsWithTenantId() throws SQLException {
        Map<String, String> problems = new TreeMap<>();
        try (Connection connection = EmbeddedDatabases.connect(database, dataDir(), "postgres");
                ResultSet keys = connection.createStatement().executeQuery("""
                        SELECT t.relname, i.relname, a.attname
                        FROM pg_index x
                        JOIN pg_class t ON t.oid = x.indrelid
                        JOIN pg_class i ON i.oid = x.indexrelid
                        JOIN pg_namespace n ON n.oid = t.relnamespace AND n.nspname = current_schema()
                        LEFT JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = x.indkey[0]
                        WHERE x.indisunique""")) {
            while (keys.next()) {
                String table = keys.getString(1);
                if (Routability.DISTRIBUTED.contains(table) && !"tenant_id".equals(keys.getString(3))) {
                    problems.put(keys.getString(2), table + " has a unique key that does not start with tenant_id");
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void everyTableIsDistributedOrReference() throws SQLException {
        List<String> tables = new ArrayList<>();
        try (Connection connection = EmbeddedDatabases.connect(database, dataDir(), "postgres");
                ResultSet rows = connection.createStatement().executeQuery("""
                        SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                        WHERE n.nspname = current_schema() AND c.relkind = 'r'
                          AND c.relname <> 'flyway_schema_history'""")) {
            while (rows.next()) {
                tables.add(rows.getString(1));
            }
        }
        assertThat(tables).as("a new table must be placed in the runbook's plan and in Routability")
                .allMatch(t -> Routability.DISTRIBUTED.contains(t) || Routability.REFERENCE.contains(t));
    }

    @Test
    void foreignKeysBetweenDistributedTablesIncludeTenantIdAndNoneLeadsFromAReferenceTable() throws SQLException {
        List<String> problems = new ArrayList<>();
        try (Connection connection = EmbeddedDatabases.connect(database, dataDir(), "postgres");
                ResultSet keys = connection.createStatement().executeQuery("""
                        SELECT c.conname, f.relname, r.relname,
                               EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.conrelid
                                       AND a.attnum = ANY(c.conkey) AND a.attname = 'tenant_id')
                        FROM pg_constraint c
                        JOIN pg_class f ON f.oid = c.conrelid
                        JOIN pg_class r ON r.oid = c.confrelid
                        WHERE c.contype = 'f'""")) {
            while (keys.next()) {
                String from = keys.getString(2);
                String to = keys.getString(3);
                boolean fromDistributed = Routability.DISTRIBUTED.contains(from);
                boolean toDistributed = Routability.DISTRIBUTED.contains(to);
                if (toDistributed && !fromDistributed) {
                    problems.add(keys.getString(1) + ": reference table " + from + " refers to distributed " + to);
                } else if (toDistributed && !keys.getBoolean(4)) {
                    problems.add(keys.getString(1) + ": " + from + " refers to " + to + " without tenant_id");
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    /**
     * A tenant's whole life through the gateway's front doors: users and groups with nested
     * membership, searches, keyed creates and their replay, /Bulk and an NDJSON stream, limits,
     * schemas, the activity log, an event stream with a poll, and the console.
     */
    private void representativeWorkload() {
        ScimClient idp = newScimClient("route");
        String tenant = idp.tenantId();
        String alice = created(idp.post("/Users", user("alice@example.com")));
        String bob = created(idp.post("/Users", user("bob@example.com")));
        String keyed = ScimClient.body(http.post().uri("/scim/v2/Users").header("Authorization", "Bearer " + idp.token())
                .header("Idempotency-Key", "route-key").contentType(SCIM).bodyValue(user("carol@example.com"))
                .exchange().expectStatus().isCreated()).get("id").stringValue();
        http.post().uri("/scim/v2/Users").header("Authorization", "Bearer " + idp.token())
                .header("Idempotency-Key", "route-key").contentType(SCIM).bodyValue(user("carol@example.com"))
                .exchange().expectStatus().isCreated().expectBody(JsonNode.class)
                .value(body -> assertThat(body.get("id").stringValue()).isEqualTo(keyed));
        idp.post("/Users", user("alice@example.com")).expectStatus().isEqualTo(409);
        String inner = created(idp.post("/Groups", """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":"Inner",
                 "members":[{"value":"%s"}]}""".formatted(alice)));
        String outer = created(idp.post("/Groups", """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":"Outer",
                 "members":[{"value":"%s"},{"value":"%s","type":"Group"}]}""".formatted(bob, inner)));
        idp.patch("/Groups/" + inner, """
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                 "Operations":[{"op":"add","path":"members","value":[{"value":"%s"}]},
                               {"op":"remove","path":"members[value eq \\"%s\\"]"}]}""".formatted(keyed, alice))
                .expectStatus().is2xxSuccessful();
        idp.patch("/Groups/" + inner, """
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                 "Operations":[{"op":"add","path":"members","value":[{"value":"%s","type":"Group"}]}]}""".formatted(outer))
                .expectStatus().isBadRequest();
        idp.patch("/Users/" + bob, """
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                 "Operations":[{"op":"replace","path":"active","value":false}]}""").expectStatus().is2xxSuccessful();
        idp.put("/Users/" + alice, user("alice@example.org")).expectStatus().isOk();
        idp.put("/Groups/" + outer, """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":"Outer",
                 "members":[{"value":"%s"}]}""".formatted(alice)).expectStatus().isOk();
        for (String read : List.of("/Users/" + alice, "/Groups/" + outer, "/Groups/" + outer + "?excludedAttributes=members",
                "/Users?filter=userName%20eq%20%22bob@example.com%22", "/Users?filter=userName%20sw%20%22a%22&sortBy=userName",
                "/Users?filter=groups.value%20eq%20%22" + outer + "%22", "/Users?startIndex=2&count=1",
                "/Groups?filter=members.value%20eq%20%22" + alice + "%22", "/Groups?filter=displayName%20eq%20%22Inner%22",
                "/Users?count=0", "/Users?cursor&count=1")) {
            assertThat(idp.get(read).returnResult(String.class).getStatus().is2xxSuccessful()).as(read).isTrue();
        }
        idp.post("/.search", Map.of("schemas", List.of("urn:ietf:params:scim:api:messages:2.0:SearchRequest"),
                "filter", "userName pr", "count", 5)).expectStatus().isOk();
        idp.post("/Bulk", """
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:BulkRequest"],"Operations":[
                 {"method":"POST","path":"/Users","bulkId":"d","data":{"userName":"dave@example.com"}},
                 {"method":"POST","path":"/Groups","bulkId":"g","data":{"displayName":"Bulk","members":[{"value":"bulkId:d"}]}},
                 {"method":"PATCH","path":"/Users/%s","data":{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                   "Operations":[{"op":"replace","path":"displayName","value":"Bob"}]}},
                 {"method":"DELETE","path":"/Users/%s"}]}""".formatted(bob, keyed)).expectStatus().isOk();
        http.post().uri("/scim/v2/Bulk").header("Authorization", "Bearer " + idp.token())
                .contentType(MediaType.APPLICATION_NDJSON)
                .bodyValue("{\"method\":\"POST\",\"path\":\"/Users\",\"data\":{\"userName\":\"erin@example.com\"}}\n"
                        + "{\"method\":\"POST\",\"path\":\"/Users\",\"data\":{\"userName\":\"erin@example.com\"}}\n")
                .exchange().expectStatus().isOk();
        idp.delete("/Groups/" + inner).expectStatus().isNoContent();
        idp.get("/Users/00000000-0000-4000-8000-000000000000").expectStatus().isNotFound();

        admin(http.put().uri("/admin/v1/tenants/{t}/limits", tenant).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"read\":{\"perSecond\":1000,\"burst\":1000},\"write\":{\"perSecond\":1000,\"burst\":1000}}"))
                .exchange().expectStatus().isOk();
        admin(http.get().uri("/admin/v1/tenants/{t}/limits", tenant)).exchange().expectStatus().isOk();
        admin(http.get().uri("/admin/v1/tenants/{t}/activity", tenant)).exchange().expectStatus().isOk();
        admin(http.get().uri("/admin/v1/tenants/{t}/tokens", tenant)).exchange().expectStatus().isOk();
        String urn = "urn:ietf:params:scim:schemas:extension:route:2.0:User";
        admin(http.put().uri("/admin/v1/tenants/{t}/schemas/{urn}", tenant, urn).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("""
                        {"id":"%s","name":"Route","resourceType":"User",
                         "attributes":[{"name":"costCenter","type":"string"}]}""".formatted(urn)))
                .exchange().expectStatus().isCreated();
        admin(http.get().uri("/admin/v1/tenants/{t}/schemas", tenant)).exchange().expectStatus().isOk();
        idp.get("/Schemas").expectStatus().isOk();

        String events = http.post().uri("/admin/v1/tenants/{t}/tokens", tenant).header("Authorization", "Bearer " + ADMIN_TOKEN).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "receiver", "scopes", List.of("events"))).exchange().expectStatus().isCreated()
                .expectBody(JsonNode.class).returnResult().getResponseBody().get("token").stringValue();
        String stream = http.post().uri(FeedPaths.STREAMS).header("Authorization", "Bearer " + events)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("events_requested", List.of("urn:ietf:params:scim:event:prov:create:full"),
                        "description", "route"))
                .exchange().expectStatus().isCreated().expectBody(JsonNode.class).returnResult().getResponseBody()
                .get("stream_id").stringValue();
        idp.post("/Users", user("frank@example.com")).expectStatus().isCreated();
        JsonNode polled = http.post().uri(FeedPaths.STREAMS + "/" + stream + FeedPaths.POLL_SUFFIX)
                .header("Authorization", "Bearer " + events).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("returnImmediately", true, "maxEvents", 5))
                .exchange().expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody();
        List<String> ack = new ArrayList<>();
        polled.get("sets").propertyNames().forEach(ack::add);
        assertThat(ack).isNotEmpty();
        http.post().uri(FeedPaths.STREAMS + "/" + stream + FeedPaths.POLL_SUFFIX)
                .header("Authorization", "Bearer " + events).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("returnImmediately", true, "ack", ack)).exchange().expectStatus().isOk();
        http.get().uri(FeedPaths.STREAMS).header("Authorization", "Bearer " + events).exchange().expectStatus().isOk();

        String key = newAdminKey(tenant, "route-admin").get("key").stringValue();
        ConsoleVisitor browser = new ConsoleVisitor(port, "127.0.0.1");
        assertThat(browser.signIn(key).getStatus().value()).isEqualTo(303);
        String console = "/console/tenants/" + tenant;
        for (String page : List.of("/tokens", "/users", "/users?q=al", "/users/" + alice, "/groups", "/groups/" + outer,
                "/activity")) {
            assertThat(browser.get(console + page).getStatus().value()).as(page).isEqualTo(200);
        }
        browser.post("/console/sign-out");
        idp.delete("/Users/" + alice).expectStatus().isNoContent();
    }

    private static String user(String userName) {
        return """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"%s",
                 "emails":[{"value":"%s","primary":true}],"password":"Secret-Passw0rd!"}""".formatted(userName, userName);
    }

    private static String created(org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec response) {
        return ScimClient.body(response.expectStatus().isCreated()).get("id").stringValue();
    }

    private static boolean acrossTenantsOnPurpose(String sql) {
        String text = sql.toLowerCase(java.util.Locale.ROOT).replaceAll("\\s+", " ").strip();
        return ACROSS_TENANTS.keySet().stream().anyMatch(text::startsWith);
    }
}
