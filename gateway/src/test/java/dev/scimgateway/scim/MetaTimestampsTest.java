package dev.scimgateway.scim;

import static dev.scimgateway.support.ScimClient.body;
import static org.assertj.core.api.Assertions.assertThat;

import dev.scimgateway.support.GatewayTest;
import dev.scimgateway.support.ScimClient;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The answer to a create carries the timestamps every later read returns, to the digit. */
class MetaTimestampsTest extends GatewayTest {

    @Test
    void createAnswersWhatReadsReturn() {
        ScimClient c = newScimClient("meta-time");
        JsonNode user = body(c.post("/Users", "{\"userName\":\"meta@example.com\"}").expectStatus().isCreated());
        assertSameMeta(user, body(c.get("/Users/" + user.get("id").stringValue()).expectStatus().isOk()));
        JsonNode group = body(c.post("/Groups", "{\"displayName\":\"Meta\"}").expectStatus().isCreated());
        assertSameMeta(group, body(c.get("/Groups/" + group.get("id").stringValue()).expectStatus().isOk()));
    }

    private static void assertSameMeta(JsonNode created, JsonNode read) {
        for (String field : new String[] {"created", "lastModified"}) {
            String answered = created.path("meta").path(field).stringValue();
            assertThat(answered).as(field).isEqualTo(read.path("meta").path(field).stringValue());
            // PostgreSQL keeps microseconds; a create must not promise more.
            assertThat(answered).as(field).matches(".*T\\d\\d:\\d\\d:\\d\\d(\\.\\d{1,6})?Z");
        }
        assertThat(created.path("meta").path("version").stringValue())
                .isEqualTo(read.path("meta").path("version").stringValue());
    }
}
