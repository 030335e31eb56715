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

    private static final String SERVICE_MONITOR = """
            apiVersion: monitoring.coreos.com/v1
            kind: ServiceMonitor
            metadata: {name: probe}
            spec:
              selector:
                matchLabels: {app: probe}
              endpoints:
                - port: http
                  %s
            """;

    private static final String PROMETHEUS_RULE = """
            apiVersion: monitoring.coreos.com/v1
            kind: PrometheusRule
            metadata: {name: probe}
            spec:
              groups:
                - name: probe
                  rules:
                    - alert: Probe
                      %s
            """;

    @Test
    void acceptsValidPrometheusOperatorObjects() {
        StrictKubernetesParser.parseCustom(StrictKubernetesParser.documents(SERVICE_MONITOR.formatted("interval: 30s")).get(0));
        StrictKubernetesParser.parseCustom(StrictKubernetesParser.documents(PROMETHEUS_RULE.formatted("expr: up == 0\n          for: 5m")).get(0));
    }

    @Test
    void rejectsAMisspeltServiceMonitorField() {
        var doc = StrictKubernetesParser.documents(SERVICE_MONITOR.formatted("scrapeTimout: 10s")).get(0);
        assertThatThrownBy(() -> StrictKubernetesParser.parseCustom(doc)).hasMessageContaining("scrapeTimout");
    }

    @Test
    void rejectsAMisspeltRuleFieldAndABadDuration() {
        var misspelt = StrictKubernetesParser.documents(PROMETHEUS_RULE.formatted("expr: up == 0\n          annotation: {}")).get(0);
        assertThatThrownBy(() -> StrictKubernetesParser.parseCustom(misspelt)).hasMessageContaining("annotation");
        var badFor = StrictKubernetesParser.documents(PROMETHEUS_RULE.formatted("expr: up == 0\n          for: 5 minutes")).get(0);
        assertThatThrownBy(() -> StrictKubernetesParser.parseCustom(badFor)).hasMessageContaining("5 minutes");
        var noExpr = StrictKubernetesParser.documents(PROMETHEUS_RULE.formatted("for: 5m")).get(0);
        assertThatThrownBy(() -> StrictKubernetesParser.parseCustom(noExpr)).hasMessageContaining("expr");
    }

    @Test
    void rejectsAKindWithoutModel() {
        var doc = StrictKubernetesParser.documents("apiVersion: v1\nkind: Pood\nmetadata: {name: x}\n").get(0);
        assertThatThrownBy(() -> StrictKubernetesParser.parse(doc)).hasMessageContaining("v1/Pood");
    }
}
