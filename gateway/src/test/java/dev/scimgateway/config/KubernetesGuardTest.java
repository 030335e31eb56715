package dev.scimgateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.WebApplicationType;
import dev.scimgateway.ScimGatewayApplication;

/** Inside Kubernetes the embedded database is refused with a message that says what to set. */
@org.junit.jupiter.api.Tag("own-gateway")
class KubernetesGuardTest {

    @Test
    void refusesEmbeddedDatabaseInKubernetes() {
        var app = new SpringApplicationBuilder(ScimGatewayApplication.class)
                .web(WebApplicationType.NONE)
                .properties("KUBERNETES_SERVICE_HOST=10.0.0.1", "scim-gateway.data-dir=target/k8s-guard",
                        "scim-gateway.admin-token=x");
        Throwable failure = null;
        try (var context = app.run()) {
            // started: the guard did not fire
        } catch (Throwable e) {
            failure = e;
        }
        assertThat(failure).isNotNull();
        Throwable root = failure;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        assertThat(root).hasMessageContaining("SCIM_GATEWAY_DB_URL").hasMessageContaining("SCIM_GATEWAY_ALLOW_EMBEDDED_DATABASE");
    }
}
