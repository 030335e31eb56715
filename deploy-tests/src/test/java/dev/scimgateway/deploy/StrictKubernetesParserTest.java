package dev.scimgateway.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import org.junit.jupiter.api.Test;

/** The strictness every other test relies on: without it a typo would pass as an "additional property". */
class StrictKubernetesParserTest {

    private static final String DEPLOYMENT = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: probe
            spec:
              selector:
                matchLabels: {app: probe}
              template:
                metadata:
                  labels: {app: probe}
                spec:
                  containers:
                    - name: app
                      image: busybox
                      %s
            """;

    @Test
    void acceptsAValidObject() {
        var doc = StrictKubernetesParser.documents(DEPLOYMENT.formatted("imagePullPolicy: Always")).get(0);
        Deployment deployment = StrictKubernetesParser.parse(doc, Deployment.class);
        assertThat(deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getImagePullPolicy()).isEqualTo("Always");
    }

    @Test
    void rejectsAMisspeltField() {
        var doc = StrictKubernetesParser.documents(DEPLOYMENT.formatted("imagePulPolicy: Always")).get(0);
        assertThatThrownBy(() -> StrictKubernetesParser.parse(doc)).hasMessageContaining("imagePulPolicy");
    }

    @Test
    void rejectsAFieldAtTheWrongLevel() {
        var doc = StrictKubernetesParser.documents(DEPLOYMENT.formatted("runAsNonRoot: true")).get(0);
        assertThatThrownBy(() -> StrictKubernetesParser.parse(doc)).hasMessageContaining("runAsNonRoot");
    }

    @Test
    void rejectsAKindWithoutModel() {
        var doc = StrictKubernetesParser.documents("apiVersion: v1\nkind: Pood\nmetadata: {name: x}\n").get(0);
        assertThatThrownBy(() -> StrictKubernetesParser.parse(doc)).hasMessageContaining("v1/Pood");
    }
}
