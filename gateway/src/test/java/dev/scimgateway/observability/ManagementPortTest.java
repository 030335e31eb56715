package dev.scimgateway.observability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scimgateway.support.GatewayTest;
import dev.scimgateway.support.ScimClient;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

/**
 * Metrics name tenants, so they are served on the management port, which no Ingress routes and
 * the NetworkPolicy opens to Prometheus only; the service port keeps nothing of actuator but the
 * two probes the kubelet calls.
 */
class ManagementPortTest extends GatewayTest {

    @Test
    void servicePortServesNoActuatorEndpoint() {
        for (String path : new String[] {"/actuator/prometheus", "/actuator", "/actuator/health",
                "/actuator/health/liveness", "/actuator/info", "/actuator/metrics"}) {
            http.get().uri(path).exchange().expectStatus().isNotFound();
        }
    }

    @Test
    void managementPortServesTheTenantTaggedMetrics() {
        ScimClient c = newScimClient("mgmt");
        c.createUser("mgmt@example.com");
        String scrape = management().get().uri("/actuator/prometheus").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(scrape).contains("tenant=\"" + c.tenantId() + "\"");
        management().get().uri("/actuator/health").exchange().expectStatus().isOk();
    }

    @Test
    void probesStayOnTheServicePort() {
        for (String probe : new String[] {"/livez", "/readyz"}) {
            http.get().uri(probe).accept(MediaType.APPLICATION_JSON).exchange()
                    .expectStatus().isOk()
                    .expectBody().jsonPath("$.status").isEqualTo("UP");
        }
    }

    /** With valid credentials, so that the answer shows the route is missing, not the credential. */
    @Test
    void managementPortServesNeitherScimNorTheAdminApi() {
        ScimClient c = newScimClient("mgmt-routes");
        management().get().uri("/scim/v2/Users").header("Authorization", "Bearer " + c.token()).exchange()
                .expectStatus().isNotFound();
        admin(management().get().uri("/admin/v1/tenants")).exchange().expectStatus().isNotFound();
    }
}
