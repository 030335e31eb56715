package dev.scimgateway.scim;

import static dev.scimgateway.support.ScimClient.body;
import static org.assertj.core.api.Assertions.assertThat;

import dev.scimgateway.storage.Database;
import dev.scimgateway.support.EmbeddedDatabases;
import dev.scimgateway.support.GatewayTest;
import dev.scimgateway.support.ScimClient;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

/**
 * A PATCH that changes nothing changes nothing (RFC 7644 §3.5.2.1, §3.5.2.3): it answers as any
 * PATCH does, but the version and lastModified stay, and PostgreSQL shows the row unwritten (its
 * xmin, the transaction that wrote the row version, is the same). The same holds for a PUT of the
 * body the resource already has.
 */
class NoOpWriteTest extends GatewayTest {

    private static final String PATCH = "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],\"Operations\":%s}";

    @Autowired
    Database database;

    @Test
    void aUserPatchThatChangesNothingWritesNothing() throws Exception {
        ScimClient c = newScimClient("noop-user");
        String id = c.createUser("noop@example.com");
        c.patch("/Users/" + id, PATCH.formatted("[{\"op\":\"replace\",\"path\":\"displayName\",\"value\":\"No Op\"}]"))
                .expectStatus().isNoContent();
        JsonNode before = body(c.get("/Users/" + id).expectStatus().isOk());
        Row stored = row("scim_user", c.tenantId(), id);

        for (String operations : new String[] {
                // the e-mail createUser gave it, added again
                "[{\"op\":\"add\",\"path\":\"emails\",\"value\":[{\"value\":\"noop@example.com\",\"type\":\"work\",\"primary\":true}]}]",
                "[{\"op\":\"replace\",\"path\":\"displayName\",\"value\":\"No Op\"}]",
                "[{\"op\":\"add\",\"value\":{\"displayName\":\"No Op\",\"active\":true}}]",
                "[{\"op\":\"replace\",\"path\":\"emails[type eq \\\"work\\\"].value\",\"value\":\"noop@example.com\"}]",
                "[{\"op\":\"replace\",\"path\":\"name\",\"value\":{\"givenName\":\"Test\"}}]",
                "[{\"op\":\"remove\",\"path\":\"nickName\"}]"}) {
            c.patch("/Users/" + id, PATCH.formatted(operations)).expectStatus().isNoContent()
                    .expectHeader().valueEquals("ETag", etag(before));
        }
        JsonNode answered = body(c.patch("/Users/" + id + "?attributes=displayName,meta",
                PATCH.formatted("[{\"op\":\"replace\",\"path\":\"displayName\",\"value\":\"No Op\"}]")).expectStatus().isOk());

        assertThat(answered.get("meta")).isEqualTo(before.get("meta"));
        assertThat(body(c.get("/Users/" + id).expectStatus().isOk())).isEqualTo(before);
        assertThat(row("scim_user", c.tenantId(), id)).as("the row was not written").isEqualTo(stored);

        // The version the client holds is still the version.
        ifMatch(c, "/Users/" + id, etag(before), "[{\"op\":\"replace\",\"path\":\"displayName\",\"value\":\"Changed\"}]")
                .expectStatus().isNoContent();
        assertThat(row("scim_user", c.tenantId(), id).version()).isEqualTo(stored.version() + 1);
    }

    @Test
    void aGroupPatchThatChangesNoMembershipWritesNothing() throws Exception {
        ScimClient c = newScimClient("noop-group");
        String member = c.createUser("member@example.com");
        String outsider = c.createUser("outsider@example.com");
        String id = body(c.post("/Groups", """
                {"displayName":"Steady","externalId":"s1","members":[{"value":"%s"}]}""".formatted(member))
                .expectStatus().isCreated()).get("id").stringValue();
        JsonNode before = body(c.get("/Groups/" + id).expectStatus().isOk());
        Row stored = row("scim_group", c.tenantId(), id);
        String membership = membershipRows(c.tenantId(), id);

        for (String operations : new String[] {
                "[{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\"%s\"}]}]".formatted(member),
                "[{\"op\":\"remove\",\"path\":\"members[value eq \\\"%s\\\"]\"}]".formatted(outsider),
                "[{\"op\":\"remove\",\"path\":\"members\",\"value\":[{\"value\":\"%s\"}]}]".formatted(outsider),
                "[{\"op\":\"replace\",\"path\":\"members\",\"value\":[{\"value\":\"%s\"}]}]".formatted(member),
                "[{\"op\":\"replace\",\"value\":{\"id\":\"%s\",\"displayName\":\"Steady\"}},"
                        .formatted(id) + "{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\"%s\"}]}]".formatted(member),
                "[{\"op\":\"replace\",\"path\":\"externalId\",\"value\":\"s1\"}]"}) {
            c.patch("/Groups/" + id, PATCH.formatted(operations)).expectStatus().isNoContent()
                    .expectHeader().valueEquals("ETag", etag(before));
        }

        assertThat(body(c.get("/Groups/" + id).expectStatus().isOk())).isEqualTo(before);
        assertThat(row("scim_group", c.tenantId(), id)).as("the row was not written").isEqualTo(stored);
        assertThat(membershipRows(c.tenantId(), id)).as("no membership row was written").isEqualTo(membership);

        ifMatch(c, "/Groups/" + id, etag(before),
                "[{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\"%s\"}]}]".formatted(outsider))
                .expectStatus().isNoContent();
        assertThat(row("scim_group", c.tenantId(), id).version()).isEqualTo(stored.version() + 1);
        assertThat(body(c.get("/Groups/" + id).expectStatus().isOk()).get("members")).hasSize(2);
    }

    @Test
    void aPutOfTheSameBodyWritesNothing() throws Exception {
        ScimClient c = newScimClient("noop-put");
        String id = c.createUser("put@example.com");
        JsonNode before = body(c.get("/Users/" + id).expectStatus().isOk());
        Row stored = row("scim_user", c.tenantId(), id);
        String member = c.createUser("put-member@example.com");
        String group = body(c.post("/Groups", """
                {"displayName":"Put","members":[{"value":"%s"}]}""".formatted(member)).expectStatus().isCreated())
                .get("id").stringValue();
        JsonNode groupBefore = body(c.get("/Groups/" + group).expectStatus().isOk());
        Row groupStored = row("scim_group", c.tenantId(), group);

        // What GET answered, sent back as Okta does after a profile change that changed nothing here.
        JsonNode answered = body(c.put("/Users/" + id, before.toString()).expectStatus().isOk());
        JsonNode groupAnswered = body(c.put("/Groups/" + group, groupBefore.toString()).expectStatus().isOk());

        assertThat(answered).isEqualTo(before);
        assertThat(groupAnswered).isEqualTo(groupBefore);
        assertThat(row("scim_user", c.tenantId(), id)).isEqualTo(stored);
        assertThat(row("scim_group", c.tenantId(), group)).isEqualTo(groupStored);
    }

    private WebTestClient.ResponseSpec ifMatch(ScimClient c, String path, String etag, String operations) {
        return http.patch().uri("/scim/v2" + path).header("Authorization", "Bearer " + c.token()).header("If-Match", etag)
                .contentType(GatewayTest.SCIM).bodyValue(PATCH.formatted(operations)).exchange();
    }

    private static String etag(JsonNode resource) {
        return resource.at("/meta/version").stringValue();
    }

    /** What PostgreSQL knows of a resource's row: the transaction that wrote it, its version and lastModified. */
    private record Row(String xmin, long version, String lastModified) {}

    private Row row(String table, String tenantId, String id) throws Exception {
        try (var connection = EmbeddedDatabases.connect(database, dataDir(), "postgres");
                var query = connection.prepareStatement("SELECT xmin::text, version, last_modified::text FROM " + table
                        + " WHERE tenant_id = ? AND id = ?")) {
            query.setString(1, tenantId);
            query.setObject(2, UUID.fromString(id));
            try (var result = query.executeQuery()) {
                assertThat(result.next()).as(table + " row").isTrue();
                return new Row(result.getString(1), result.getLong(2), result.getString(3));
            }
        }
    }

    /** The group's membership rows with the transactions that wrote them. */
    private String membershipRows(String tenantId, String groupId) throws Exception {
        try (var connection = EmbeddedDatabases.connect(database, dataDir(), "postgres");
                var query = connection.prepareStatement("SELECT string_agg(member_id::text || '@' || xmin::text, ',' ORDER BY"
                        + " member_id) FROM group_member WHERE tenant_id = ? AND group_id = ?")) {
            query.setString(1, tenantId);
            query.setObject(2, UUID.fromString(groupId));
            try (var result = query.executeQuery()) {
                assertThat(result.next()).isTrue();
                return result.getString(1);
            }
        }
    }
}
