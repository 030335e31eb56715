package dev.scimgateway.deploy;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * ServiceMonitor and PrometheusRule (monitoring.coreos.com/v1) as typed records, for the strict
 * parser: a field that prometheus-operator's CRDs do not define fails the test, as it does for the
 * built-in kinds. fabric8's model of these CRDs (io.fabric8:openshift-model-monitoring) is not
 * served by the registry this project builds from at the version of the rest of fabric8 (8.0.0),
 * so the fields are written out here from the CRDs' OpenAPI schemas (prometheus-operator v0.8x).
 * Fields whose values are objects of their own (TLS, auth, relabelings) are kept as maps. A real
 * field missing here fails loudly and is one line to add; a misspelt one can never pass.
 */
final class PrometheusOperatorModel {

    /** prometheus-operator's Duration: 30s, 1m30s, 5m, 0 (the CRDs' pattern). */
    static final Pattern DURATION = Pattern.compile(
            "^(0|(([0-9]+)y)?(([0-9]+)w)?(([0-9]+)d)?(([0-9]+)h)?(([0-9]+)m)?(([0-9]+)s)?(([0-9]+)ms)?)$");

    private PrometheusOperatorModel() {}

    record ServiceMonitor(String apiVersion, String kind, ObjectMeta metadata, ServiceMonitorSpec spec) {}

    record ServiceMonitorSpec(
            String jobLabel,
            List<String> targetLabels,
            List<String> podTargetLabels,
            List<Endpoint> endpoints,
            LabelSelector selector,
            String selectorMechanism,
            NamespaceSelector namespaceSelector,
            Long sampleLimit,
            List<String> scrapeProtocols,
            String fallbackScrapeProtocol,
            Long targetLimit,
            Long labelLimit,
            Long labelNameLengthLimit,
            Long labelValueLengthLimit,
            Boolean scrapeClassicHistograms,
            Long nativeHistogramBucketLimit,
            Object nativeHistogramMinBucketFactor,
            Boolean convertClassicHistogramsToNHCB,
            Long keepDroppedTargets,
            Map<String, Object> attachMetadata,
            String scrapeClass,
            String bodySizeLimit) {}

    record NamespaceSelector(Boolean any, List<String> matchNames) {}

    record Endpoint(
            String port,
            Object targetPort,
            String path,
            String scheme,
            Map<String, List<String>> params,
            String interval,
            String scrapeTimeout,
            Map<String, Object> tlsConfig,
            String bearerTokenFile,
            Map<String, Object> bearerTokenSecret,
            Map<String, Object> authorization,
            Boolean honorLabels,
            Boolean honorTimestamps,
            Boolean trackTimestampsStaleness,
            Map<String, Object> basicAuth,
            Map<String, Object> oauth2,
            List<Map<String, Object>> metricRelabelings,
            List<Map<String, Object>> relabelings,
            String proxyUrl,
            String noProxy,
            Boolean proxyFromEnvironment,
            Map<String, Object> proxyConnectHeader,
            Boolean followRedirects,
            Boolean enableHttp2,
            Boolean filterRunning) {}

    record PrometheusRule(String apiVersion, String kind, ObjectMeta metadata, PrometheusRuleSpec spec) {}

    record PrometheusRuleSpec(List<RuleGroup> groups) {}

    record RuleGroup(
            String name,
            String interval,
            String limit,
            @JsonProperty("query_offset") String queryOffset,
            @JsonProperty("partial_response_strategy") String partialResponseStrategy,
            Map<String, String> labels,
            List<Rule> rules) {}

    record Rule(
            String record,
            String alert,
            Object expr,
            @JsonProperty("for") String forDuration,
            @JsonProperty("keep_firing_for") String keepFiringFor,
            Map<String, String> labels,
            Map<String, String> annotations) {}

    /** What the CRDs' schemas require beyond field names: the apiVersion, durations, one of alert and record. */
    static void check(ServiceMonitor monitor) {
        require("monitoring.coreos.com/v1".equals(monitor.apiVersion()), "apiVersion " + monitor.apiVersion());
        require(monitor.spec() != null && monitor.spec().selector() != null, "spec.selector is required");
        require(monitor.spec().endpoints() != null && !monitor.spec().endpoints().isEmpty(), "spec.endpoints is empty");
        for (Endpoint endpoint : monitor.spec().endpoints()) {
            requireDuration(endpoint.interval(), "interval");
            requireDuration(endpoint.scrapeTimeout(), "scrapeTimeout");
        }
    }

    static void check(PrometheusRule rule) {
        require("monitoring.coreos.com/v1".equals(rule.apiVersion()), "apiVersion " + rule.apiVersion());
        require(rule.spec() != null && rule.spec().groups() != null, "spec.groups is required");
        for (RuleGroup group : rule.spec().groups()) {
            require(group.name() != null && !group.name().isBlank(), "a group without name");
            requireDuration(group.interval(), "interval of group " + group.name());
            for (Rule r : group.rules()) {
                require(r.alert() == null ^ r.record() == null, "a rule needs exactly one of alert and record: " + r);
                require(r.expr() != null && !String.valueOf(r.expr()).isBlank(), "rule without expr: " + r);
                requireDuration(r.forDuration(), "for of " + r.alert());
                requireDuration(r.keepFiringFor(), "keep_firing_for of " + r.alert());
            }
        }
    }

    private static void requireDuration(String value, String what) {
        require(value == null || DURATION.matcher(value).matches(), what + " is not a prometheus-operator duration: " + value);
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new AssertionError(message);
        }
    }
}
