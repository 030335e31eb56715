package dev.scimgateway.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scimgateway.console.TenantDirectory;
import dev.scimgateway.support.GatewayTest;
import dev.scimgateway.support.ScimClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The console's reads: keyset pages that read no more rows than they show, a member count that
 * reads the membership index only, prefix search, and never a row of another tenant.
 */
class TenantDirectoryTest extends GatewayTest {

    private static final int BIG = 100_000;
    private static final int PAGE = 51;

    @Autowired
    private DatabaseClient db;

    @Autowired
    private JsonMapper json;

    @Autowired
    private TenantDirectory directory;

    @Test
    void aGroupOfAHundredThousandMembersOpensWithBoundedReads() {
        ScimClient c = newScimClient("dir-big");
        String first = c.createUser("first@example.com");
        UUID big = UUID.fromString(ScimClient.body(c.post("/Groups", "{\"displayName\":\"Everyone\",\"members\":[{\"value\":\""
                + first + "\"}]}").expectStatus().isCreated()).get("id").stringValue());
        UUID small = UUID.fromString(ScimClient.body(c.post("/Groups", "{\"displayName\":\"Few\",\"members\":[{\"value\":\""
                + first + "\"}]}").expectStatus().isCreated()).get("id").stringValue());
        // 100,000 users and their memberships, one statement each, as an IdP's import would leave them.
        db.sql("INSERT INTO scim_user (tenant_id, id, user_name, doc, created_at, last_modified, version)"
                        + " SELECT $1, gen_random_uuid(), 'bulk' || n || '@example.com', '{}'::jsonb, now(), now(), 1"
                        + " FROM generate_series(1, $2) n")
                .bind(0, c.tenantId()).bind(1, BIG).then().block(Duration.ofMinutes(2));
        db.sql("INSERT INTO group_member (tenant_id, group_id, member_id, member_type)"
                        + " SELECT tenant_id, $2, id, 'User' FROM scim_user WHERE tenant_id = $1 AND user_name LIKE 'bulk%'")
                .bind(0, c.tenantId()).bind(1, big).then().block(Duration.ofMinutes(2));
        // What autovacuum does soon after a bulk load: statistics, and the visibility map index-only scans rely on.
        db.sql("VACUUM (ANALYZE) group_member").then().block(Duration.ofMinutes(2));
        db.sql("VACUUM (ANALYZE) scim_user").then().block(Duration.ofMinutes(2));

        TenantDirectory.GroupSummary everyone = directory.group(c.tenantId(), big).block(Duration.ofSeconds(30));
        assertThat(everyone.members()).isEqualTo(BIG + 1L);
        List<TenantDirectory.Member> page = directory.members(c.tenantId(), big, null, PAGE).collectList()
                .block(Duration.ofSeconds(30));
        // PostgreSQL orders uuids as unsigned bytes, as their text sorts; UUID.compareTo does not.
        assertThat(page).hasSize(PAGE).isSortedAccordingTo((a, b) -> a.id().toString().compareTo(b.id().toString()));
        List<TenantDirectory.Member> next = directory.members(c.tenantId(), big, page.get(PAGE - 1).id(), PAGE)
                .collectList().block(Duration.ofSeconds(30));
        assertThat(next).hasSize(PAGE).allSatisfy(m -> assertThat(m.id().toString())
                .isGreaterThan(page.get(PAGE - 1).id().toString()));

        for (UUID group : List.of(big, small)) {
            JsonNode members = explain(R2dbcTenantDirectory.MEMBERS, c.tenantId(), group, new UUID(0, 0), PAGE);
            assertThat(rowsRead(members, "group_member")).as("membership rows a page reads").isLessThanOrEqualTo(PAGE);
            assertThat(rowsRead(members, "scim_user")).as("user rows a page reads").isLessThanOrEqualTo(PAGE);
        }
        // The count reads the membership table only, never a member's row. PostgreSQL reads the group's
        // entries of the primary key (index-only) when the group is a small part of the table, and the
        // table itself when, as here, the group is most of it.
        JsonNode count = explain("SELECT count(*) FROM group_member m WHERE m.tenant_id = $1 AND m.group_id = $2",
                c.tenantId(), big);
        assertThat(rowsRead(count, "scim_user")).isZero();
        assertThat(relations(count)).containsOnly("group_member");
        JsonNode open = explainTop(R2dbcTenantDirectory.GROUP_BY_ID, c.tenantId(), big);
        assertThat(relations(open.get("Plan"))).containsOnly("scim_group", "group_member");
        System.out.printf("A group of %,d members: the group and its count in %.1f ms, a page of members in %.1f ms%n",
                BIG + 1, open.path("Execution Time").asDouble(), explainTime(c.tenantId(), big));
    }

    @Test
    void searchFindsByPrefixOfUserNameEmailOrNameAndPagesByKey() {
        ScimClient c = newScimClient("dir-search");
        ScimClient other = newScimClient("dir-other");
        for (String name : List.of("ada", "adam", "bob", "ada_x", "carol")) {
            c.createUser(name + "@example.com");
        }
        c.post("/Users", """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"zed",
                 "name":{"familyName":"Lovelace"},"emails":[{"value":"Countess@Example.com"}],"displayName":"Zed Z"}
                """).expectStatus().isCreated();
        other.createUser("ada.other@example.com");

        // In any order: where '_' and '@' sort depends on the database's collation.
        assertThat(names(c.tenantId(), "ADA", "")).containsExactlyInAnyOrder("ada@example.com", "ada_x@example.com",
                "adam@example.com");
        assertThat(names(c.tenantId(), "ada_", "")).as("_ is no wildcard").containsExactly("ada_x@example.com");
        assertThat(names(c.tenantId(), "countess", "")).as("e-mail").containsExactly("zed");
        assertThat(names(c.tenantId(), "love", "")).as("family name").containsExactly("zed");
        assertThat(names(c.tenantId(), "zed z", "")).as("display name").containsExactly("zed");
        assertThat(names(c.tenantId(), null, "")).hasSize(6);
        assertThat(names(c.tenantId(), null, "bob@example.com")).containsExactly("carol@example.com", "zed");
        assertThat(names(other.tenantId(), "ada", "")).containsExactly("ada.other@example.com");
    }

    @Test
    void noReadSeesAnotherTenantsRows() {
        ScimClient mine = newScimClient("dir-mine");
        ScimClient theirs = newScimClient("dir-theirs");
        UUID user = UUID.fromString(theirs.createUser("secret@example.com"));
        UUID group = UUID.fromString(ScimClient.body(theirs.post("/Groups", "{\"displayName\":\"Secret\",\"members\":[{\"value\":\""
                + user + "\"}]}").expectStatus().isCreated()).get("id").stringValue());

        assertThat(directory.user(mine.tenantId(), user).blockOptional(Duration.ofSeconds(10))).isEmpty();
        assertThat(directory.group(mine.tenantId(), group).blockOptional(Duration.ofSeconds(10))).isEmpty();
        assertThat(directory.members(mine.tenantId(), group, null, PAGE).collectList().block(Duration.ofSeconds(10))).isEmpty();
        assertThat(directory.groupsOf(mine.tenantId(), user).collectList().block(Duration.ofSeconds(10))).isEmpty();
        assertThat(directory.groups(mine.tenantId(), "", PAGE).collectList().block(Duration.ofSeconds(10))).isEmpty();
        assertThat(directory.user(theirs.tenantId(), user).blockOptional(Duration.ofSeconds(10))).isPresent();
        assertThat(directory.groupsOf(theirs.tenantId(), user).collectList().block(Duration.ofSeconds(10)))
                .extracting(TenantDirectory.GroupOfUser::displayName).containsExactly("Secret");
    }

    private List<String> names(String tenant, String prefix, String after) {
        return directory.users(tenant, prefix, after, PAGE).map(TenantDirectory.UserSummary::userName).collectList()
                .block(Duration.ofSeconds(10));
    }

    /**
     * The Overview's counts read index entries, not user rows: the tenant's deactivated users by
     * their partial index (V16), and nothing of the table's heap once it is vacuumed, among other
     * tenants' users.
     */
    @Test
    void theCountsOfATenantReadIndexEntriesOnly() {
        String filler = newTenant("dir-count-others");
        String tenant = newTenant("dir-count");
        ScimClient c = new ScimClient(http, tenant, newToken(tenant, "okta").get("token").stringValue());
        c.post("/Groups", "{\"displayName\":\"Staff\"}").expectStatus().isCreated();
        for (Object[] load : new Object[][] {{filler, 40_000, 0}, {tenant, 5_000, 50}}) {
            db.sql("INSERT INTO scim_user (tenant_id, id, user_name, active, doc, created_at, last_modified, version)"
                            + " SELECT $1, gen_random_uuid(), 'count' || n || '@example.com', n > $3, '{}'::jsonb, now(),"
                            + " now(), 1 FROM generate_series(1, $2) n")
                    .bind(0, load[0]).bind(1, load[1]).bind(2, load[2]).then().block(Duration.ofMinutes(2));
        }
        db.sql("VACUUM (ANALYZE) scim_user").then().block(Duration.ofMinutes(2));
        db.sql("VACUUM (ANALYZE) scim_group").then().block(Duration.ofMinutes(2));

        TenantDirectory.Counts counts = directory.counts(tenant).block(Duration.ofSeconds(30));
        assertThat(counts).isEqualTo(new TenantDirectory.Counts(5_000, 50, 1));
        assertThat(counts.active()).isEqualTo(4_950);
        JsonNode plan = explain(R2dbcTenantDirectory.COUNTS, tenant);
        // Groups here are a handful of rows, which PostgreSQL reads whole; users are what grows.
        List<String> userScans = scans(plan).stream().filter(scan -> scan.contains(" scim_user ")).toList();
        assertThat(userScans).hasSize(2).contains("Index Only Scan scim_user scim_user_deactivated")
                .allMatch(scan -> scan.startsWith("Index Only Scan"));
        assertThat(heapFetches(plan)).as("user rows read").isZero();
    }

    /** Each scan of the plan as "node type, relation, index". */
    private static List<String> scans(JsonNode node) {
        List<String> scans = new ArrayList<>();
        if (!node.path("Relation Name").asString("").isEmpty()) {
            scans.add(node.path("Node Type").asString("") + " " + node.path("Relation Name").asString("") + " "
                    + node.path("Index Name").asString(""));
        }
        for (JsonNode child : node.path("Plans")) {
            scans.addAll(scans(child));
        }
        return scans;
    }

    private static long heapFetches(JsonNode node) {
        long fetches = node.path("Heap Fetches").asLong(0);
        for (JsonNode child : node.path("Plans")) {
            fetches += heapFetches(child);
        }
        return fetches;
    }

    private JsonNode explain(String sql, Object... values) {
        return explainTop(sql, values).get("Plan");
    }

    /** The plan and its timings. */
    private JsonNode explainTop(String sql, Object... values) {
        DatabaseClient.GenericExecuteSpec spec = db.sql("EXPLAIN (ANALYZE, FORMAT JSON) " + sql);
        for (int i = 0; i < values.length; i++) {
            spec = spec.bind(i, values[i]);
        }
        // The plan comes as a json column (text in older servers).
        String plan = spec.map(row -> row.get(0) instanceof io.r2dbc.postgresql.codec.Json doc ? doc.asString()
                : String.valueOf(row.get(0))).one().block(Duration.ofSeconds(30));
        return json.readTree(plan).get(0);
    }

    /** Rows the plan's nodes over {@code table} produced, over all their loops. */
    private static long rowsRead(JsonNode node, String table) {
        long rows = table.equals(node.path("Relation Name").asString(""))
                ? node.path("Actual Rows").asLong() * Math.max(1, node.path("Actual Loops").asLong()) : 0;
        for (JsonNode child : node.path("Plans")) {
            rows += rowsRead(child, table);
        }
        return rows;
    }

    private double explainTime(String tenant, UUID group) {
        return explainTop(R2dbcTenantDirectory.MEMBERS, tenant, group, new UUID(0, 0), PAGE).path("Execution Time").asDouble();
    }

    /** The tables the plan reads. */
    private static List<String> relations(JsonNode node) {
        List<String> tables = new ArrayList<>();
        if (!node.path("Relation Name").asString("").isEmpty()) {
            tables.add(node.path("Relation Name").asString(""));
        }
        for (JsonNode child : node.path("Plans")) {
            tables.addAll(relations(child));
        }
        return tables;
    }
}
