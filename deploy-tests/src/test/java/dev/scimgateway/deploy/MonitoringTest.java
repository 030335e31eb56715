package dev.scimgateway.deploy;

import static dev.scimgateway.deploy.Objects.at;
import static dev.scimgateway.deploy.Objects.one;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * ServiceMonitor, PrometheusRule and dashboard: what they say. That they parse strictly against
 * prometheus-operator's CRD fields is checked with every other object (PrometheusOperatorModel).
 */
class MonitoringTest {

    private static final List<Map<String, Object>> PROD = HelmChart.render("prod");

    @Test
    void serviceMonitorScrapesTheActuatorEndpointOfTheManagementPort() {
        var monitor = one(PROD, "ServiceMonitor");
        assertThat((String) monitor.get("apiVersion")).isEqualTo("monitoring.coreos.com/v1");
        Map<String, String> labels = at(monitor, "metadata", "labels");
        assertThat(labels).containsEntry("release", "kube-prometheus-stack");
        Map<String, Object> endpoint = at(monitor, "spec", "endpoints", "0");
        assertThat(endpoint).containsEntry("port", "management").containsEntry("path", "/actuator/prometheus");
        List<String> namespaces = at(monitor, "spec", "namespaceSelector", "matchNames");
        assertThat(namespaces).containsExactly(HelmChart.NAMESPACE);
        Map<String, Object> spec = at(monitor, "spec");
        assertThat(spec).containsOnlyKeys("selector", "namespaceSelector", "endpoints");
    }

    @Test
    void prometheusRuleHasTheAlertsTheRunbookExplains() throws Exception {
        var rule = one(PROD, "PrometheusRule");
        assertThat((String) rule.get("apiVersion")).isEqualTo("monitoring.coreos.com/v1");
        List<Map<String, Object>> rules = at(rule, "spec", "groups", "0", "rules");
        List<String> alerts = rules.stream().map(r -> (String) r.get("alert")).toList();
        assertThat(alerts).containsExactlyInAnyOrder("ScimGatewayDown", "ScimGatewayHighErrorRatio",
                "ScimGatewayHighLatency", "ScimGatewayRateLimiting", "ScimGatewayTenantRateLimited",
                "ScimGatewayOverloaded", "ScimGatewayCircuitBreakerOpen", "ScimGatewayDatabasePoolSaturated",
                "ScimGatewayBulkFailures", "ScimGatewayChangeFeedLagGrowing");
        String runbook = Files.readString(HelmChart.REPO.resolve("src/site/runbook.md"));
        for (var r : rules) {
            assertThat(r).containsKeys("alert", "expr", "for", "labels", "annotations");
            String expr = (String) r.get("expr");
            assertThat(expr).as((String) r.get("alert"))
                    .contains("job=\"scim-gateway\"", "namespace=\"scim-gateway\"")
                    .doesNotContain("{{", "}}");
            String severity = at(r, "labels", "severity");
            assertThat(severity).isIn("critical", "warning", "info");
            String summary = at(r, "annotations", "summary");
            assertThat(summary).isNotBlank();
            assertThat(runbook).as("runbook section for %s", r.get("alert")).contains("### " + r.get("alert"));
        }
        // Prometheus, not Helm, fills in the alert's value.
        assertThat(rules).anySatisfy(r -> assertThat(String.valueOf(r.get("annotations"))).contains("{{ $value"));
    }

    @Test
    void alertsUseTheGatewaysOwnMetrics() {
        var rule = one(PROD, "PrometheusRule");
        List<Map<String, Object>> rules = at(rule, "spec", "groups", "0", "rules");
        Map<String, String> exprs = new java.util.HashMap<>();
        for (var r : rules) {
            String alert = (String) r.get("alert");
            String expr = (String) r.get("expr");
            exprs.put(alert, expr);
            // Spring's http.server.requests histogram is no longer published.
            assertThat(expr).as(alert).doesNotContain("http_server_requests");
            var used = GatewayMetrics.in(expr);
            assertThat(used).as(alert).isNotEmpty();
            assertThat(used).as("metrics of %s", alert).isSubsetOf(GatewayMetrics.EXPORTED);
        }
        assertThat(exprs.get("ScimGatewayHighErrorRatio"))
                .contains("scim_requests_seconds_count", "outcome=\"server_error\"", "reason=\"bulkhead_full\"");
        assertThat(exprs.get("ScimGatewayHighLatency"))
                .contains("histogram_quantile(0.99", "scim_requests_seconds_bucket", "resource!~\"discovery|Bulk\"");
        assertThat(exprs.get("ScimGatewayRateLimiting")).contains("scim_rate_limited_total");
        assertThat(exprs.get("ScimGatewayTenantRateLimited")).contains("sum by (tenant)", "scim_rate_limited_total");
        assertThat(exprs.get("ScimGatewayOverloaded")).contains("scim_overload_rejected_total");
        assertThat(exprs.get("ScimGatewayCircuitBreakerOpen"))
                .contains("resilience4j_circuitbreaker_state", "name=\"database\"", "reason=\"circuit_open\"");
        assertThat(exprs.get("ScimGatewayDatabasePoolSaturated")).contains("r2dbc_pool_pending_connections");
    }

    @Test
    void dashboardConfigMapCarriesTheDashboardVerbatimForTheSidecar() throws Exception {
        var configMap = Objects.all(PROD, "ConfigMap").stream()
                .filter(d -> StrictKubernetesParser.name(d).endsWith("-dashboard")).findFirst().orElseThrow();
        Map<String, String> labels = at(configMap, "metadata", "labels");
        assertThat(labels).containsEntry("grafana_dashboard", "1");
        String json = at(configMap, "data", "scim-gateway.json");
        assertThat(json.strip()).isEqualTo(Files.readString(HelmChart.DIR.resolve("dashboards/scim-gateway.json")).strip());
    }
}
