package dev.scimgateway.observability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scimgateway.support.GatewayTest;
import dev.scimgateway.support.ScimClient;
import org.junit.jupiter.api.Test;

/** The meters SREs watch, read the way Prometheus reads them. */
class MetricsTest extends GatewayTest {

    @Test
    void exposesRequestTimersOnboardingProgressAndPoolState() {
        ScimClient c = newScimClient("metrics");
        String user = c.createUser("m1@example.com");
        c.createUser("m2@example.com");
        c.post("/Groups", "{\"displayName\":\"M\",\"members\":[{\"value\":\"%s\"},{\"value\":\"%s\"}]}"
                .formatted(user, "00000000-0000-0000-0000-00000000000f")).expectStatus().isCreated();
        c.get("/Users/not-a-uuid").expectStatus().isNotFound();
        http.get().uri("/scim/v2/Users").exchange().expectStatus().isUnauthorized();

        String scrape = management().get().uri("/actuator/prometheus").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        String tenant = "tenant=\"" + c.tenantId() + "\"";
        assertThat(scrape)
                .containsPattern("scim_requests_seconds_bucket\\{.*method=\"POST\".*outcome=\"success\".*resource=\"Users\".*status=\"2xx\"")
                .containsPattern("scim_requests_seconds_count\\{.*outcome=\"client_error\".*resource=\"Users\".*status=\"4xx\"")
                .contains("scim_requests_inflight")
                .containsPattern("scim_onboarding_users_total\\{" + tenant + "\\} 2\\.0")
                .containsPattern("scim_onboarding_groups_total\\{" + tenant + "\\} 1\\.0")
                .containsPattern("scim_onboarding_memberships_total\\{" + tenant + "\\} 1\\.0")
                .containsPattern("scim_group_members_skipped_total\\{" + tenant + "\\} 1\\.0")
                .containsPattern("scim_tenant_requests_total\\{kind=\"write\"," + tenant + "\\}")
                .contains("r2dbc_pool_");
    }

    /** A SCIM request is timed once, in scim_requests; Spring's http_server_requests keeps the other requests. */
    @Test
    void scimRequestsAreTimedByTheGatewaysOwnTimerOnly() {
        ScimClient c = newScimClient("timed-once");
        c.createUser("t1@example.com");
        c.get("/Users?count=1").expectStatus().isOk();

        String scrape = management().get().uri("/actuator/prometheus").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(scrape)
                .containsPattern("scim_requests_seconds_count\\{.*method=\"POST\".*resource=\"Users\"")
                .containsPattern("http_server_requests_seconds_count\\{[^}]*uri=\"/admin/v1/tenants")
                .doesNotContainPattern("http_server_requests_seconds_count\\{[^}]*uri=\"/scim/v2");
    }

    @Test
    void tenantTagsAreBounded() {
        TenantTags tags = new TenantTags(2);
        assertThat(tags.of("a")).isEqualTo("a");
        assertThat(tags.of("b")).isEqualTo("b");
        assertThat(tags.of("c")).isEqualTo(TenantTags.OTHER);
        assertThat(tags.of("a")).isEqualTo("a");
    }
}
