package dev.scimgateway.observability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scimgateway.support.GatewayTest;
import dev.scimgateway.support.RepositoryFiles;
import dev.scimgateway.support.ScimClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every metric the chart's alerts (templates/prometheusrule.yaml) and Grafana dashboard
 * (dashboards/scim-gateway.json) read is exported by a real gateway after traffic of every kind
 * they watch. A renamed meter, a misspelt series or a metric that is never registered fails here,
 * instead of an alert that can never fire or a panel that stays empty in production.
 */
class AlertAndDashboardMetricsTest extends GatewayTest {

    private static final Path CHART = RepositoryFiles.chart();
    /** Made by Prometheus itself for every scrape target, not by the gateway. */
    private static final Set<String> PROMETHEUS_OWN = Set.of("up");
    private static final Pattern EXPR = Pattern.compile("^( *)(- )?expr:\\s*(.*)$");
    private static final Pattern RECORD = Pattern.compile("^ *(?:- )?record:\\s*['\"]?([a-zA-Z_:][a-zA-Z0-9_:]*)['\"]?\\s*$");
    private static final Pattern TYPE = Pattern.compile("^# TYPE (\\S+) (histogram|summary|counter|gauge|untyped)$");

    @Test
    void everyMetricOfTheAlertsAndTheDashboardIsExported() throws Exception {
        exerciseEverythingTheAlertsWatch();
        String scrape = scrapeOnceTheJvmHasCollected();
        Set<String> exported = exportedNames(scrape);
        // The latency alert and panel leave resources out by these tag values; they must be real ones.
        assertThat(scrape).containsPattern("scim_requests_seconds_bucket\\{[^}]*resource=\"Bulk\"")
                .containsPattern("scim_requests_seconds_bucket\\{[^}]*resource=\"discovery\"");

        Map<String, Set<String>> used = new TreeMap<>();
        List<String> ruleLines = Files.readAllLines(CHART.resolve("templates/prometheusrule.yaml"));
        used.put("templates/prometheusrule.yaml", namesIn(ruleExpressions(ruleLines)));
        used.put("dashboards/scim-gateway.json", dashboardMetrics(CHART.resolve("dashboards/scim-gateway.json")));
        Set<String> recorded = recordingRules(ruleLines);

        Set<String> all = new TreeSet<>();
        used.values().forEach(all::addAll);
        // The extraction itself works: it finds what the alerts and panels are known to read.
        assertThat(all).contains("up", "scim_requests_seconds_bucket", "scim_requests_seconds_count",
                "scim_rate_limited_total", "scim_overload_rejected_total", "scim_bulk_operations_total",
                "resilience4j_circuitbreaker_state", "r2dbc_pool_pending_connections", "r2dbc_pool_max_allocated_connections",
                "scim_onboarding_users_total", "jvm_gc_pause_seconds_sum");

        List<String> missing = new ArrayList<>();
        used.forEach((file, names) -> names.stream()
                .filter(name -> !PROMETHEUS_OWN.contains(name) && !recorded.contains(name) && !exported.contains(name))
                .forEach(name -> missing.add(file + ": " + name)));
        assertThat(missing).as("metrics read by alerts or panels but not in the gateway's /actuator/prometheus").isEmpty();
    }

    @Test
    void extractionFindsEveryKindOfReference() {
        assertThat(PromQlMetricNames.in("""
                histogram_quantile(0.99, sum by (le) (rate(scim_requests_seconds_bucket{ {{- $sel -}}, resource!~"discovery|Bulk"}[5m]))) > {{ $r.p99 }}
                """)).containsExactly("scim_requests_seconds_bucket");
        assertThat(PromQlMetricNames.in("sum(up{job=\"a\"}) < 1 or absent(up{job=\"a\"})")).containsExactly("up");
        assertThat(PromQlMetricNames.in("max by (pod) (a_total / on(pod) group_left(x) b_gauge) > 1e+06 or vector(0)"))
                .containsExactly("a_total", "b_gauge");
        assertThat(PromQlMetricNames.in("bare_metric > 0")).containsExactly("bare_metric");
        assertThat(PromQlMetricNames.inVariableQuery("label_values(r2dbc_pool_max_allocated_connections{namespace=\"$namespace\"}, job)"))
                .containsExactly("r2dbc_pool_max_allocated_connections");
        // A renamed series is seen under its new name, so the comparison with the scrape catches it.
        assertThat(PromQlMetricNames.in("rate(scim_bulk_operation_total{job=\"a\"}[$__rate_interval])"))
                .containsExactly("scim_bulk_operation_total");
        assertThat(exportedNames("# TYPE scim_requests_seconds histogram\nscim_requests_seconds_bucket{le=\"1\"} 2\n"))
                .containsExactlyInAnyOrder("scim_requests_seconds", "scim_requests_seconds_bucket");
    }

    /** Traffic that registers every meter: writes, bulk, errors, replays, 429s, discovery. */
    private void exerciseEverythingTheAlertsWatch() throws InterruptedException {
        ScimClient c = newScimClient("chart-metrics");
        String user = c.createUser("chart-metrics-1@example.com");
        c.get("/Users/" + UUID.randomUUID()).expectStatus().isNotFound();
        c.get("/ServiceProviderConfig").expectStatus().isOk();
        http.get().uri("/scim/v2/Users").exchange().expectStatus().isUnauthorized();
        c.post("/Groups", "{\"displayName\":\"Chart\",\"members\":[{\"value\":\"%s\"},{\"value\":\"%s\"}]}"
                .formatted(user, UUID.randomUUID())).expectStatus().isCreated();
        c.post("/Bulk", """
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:BulkRequest"],"Operations":[
                  {"method":"POST","path":"/Users","bulkId":"a","data":{"userName":"chart-metrics-2@example.com"}},
                  {"method":"POST","path":"/Users","bulkId":"b","data":{"userName":"chart-metrics-2@example.com"}}]}
                """).expectStatus().isOk();
        String key = "chart-metrics-" + UUID.randomUUID();
        for (int i = 0; i < 2; i++) {
            http.post().uri("/scim/v2/Users").header("Authorization", "Bearer " + c.token()).header("Idempotency-Key", key)
                    .contentType(SCIM).bodyValue("{\"userName\":\"chart-metrics-3@example.com\"}")
                    .exchange().expectStatus().isCreated();
        }
        // A tenant of its own, limited before its first request: a replica spends the tokens it has
        // already leased under the old limits before it asks the shared bucket again.
        ScimClient limitedTenant = newScimClient("chart-metrics-limited");
        admin(http.put().uri("/admin/v1/tenants/{t}/limits", limitedTenant.tenantId()).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"read\":{\"perSecond\":0.5,\"burst\":2},\"write\":{\"perSecond\":100,\"burst\":200}}"))
                .exchange().expectStatus().isOk();
        boolean limited = false;
        for (int i = 0; i < 20 && !limited; i++) {
            limited = limitedTenant.get("/Users?count=1").returnResult(String.class).getStatus().value() == 429;
        }
        assertThat(limited).as("a read over the tenant's budget is answered 429").isTrue();
        aChangeFeedStreamWithItsLag(c);
    }

    /** A stream of the change feed: its lag is read on a timer, so the series appears shortly after. */
    private void aChangeFeedStreamWithItsLag(ScimClient c) throws InterruptedException {
        String events = admin(http.post().uri("/admin/v1/tenants/{t}/tokens", c.tenantId())
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("name", "receiver", "scopes", List.of("events"))))
                .exchange().expectStatus().isCreated().expectBody(JsonNode.class).returnResult().getResponseBody()
                .get("token").stringValue();
        http.post().uri("/events/v1/streams").header("Authorization", "Bearer " + events)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("events_requested", List.of("urn:ietf:params:scim:event:prov:create:notice")))
                .exchange().expectStatus().isCreated();
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (!scrape().contains("scim_events_feed_lag{") && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
    }

    /** jvm_gc_pause appears with the first collection; a young JVM may not have had one yet. */
    private String scrapeOnceTheJvmHasCollected() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        String scrape = scrape();
        while (!scrape.contains("jvm_gc_pause_seconds_sum") && System.nanoTime() < deadline) {
            System.gc();
            Thread.sleep(200);
            scrape = scrape();
        }
        return scrape;
    }

    private String scrape() {
        return management().get().uri("/actuator/prometheus").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
    }

    /** Series names of a scrape, plus the base names of histograms and summaries (name_bucket, _count, _sum). */
    static Set<String> exportedNames(String scrape) {
        Set<String> names = new TreeSet<>();
        for (String line : scrape.lines().toList()) {
            Matcher type = TYPE.matcher(line);
            if (type.matches()) {
                names.add(type.group(1));
            } else if (!line.isBlank() && !line.startsWith("#")) {
                int end = line.indexOf('{') >= 0 ? line.indexOf('{') : line.indexOf(' ');
                names.add(line.substring(0, end));
            }
        }
        return names;
    }

    /** The expr of every rule in a Helm template: inline, or a block scalar indented under the key. */
    static List<String> ruleExpressions(List<String> lines) {
        List<String> exprs = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = EXPR.matcher(lines.get(i));
            if (!m.matches()) {
                continue;
            }
            String value = m.group(3).trim();
            if (!value.startsWith("|") && !value.startsWith(">")) {
                exprs.add(value);
                continue;
            }
            int keyIndent = m.group(1).length() + (m.group(2) == null ? 0 : 2);
            StringBuilder block = new StringBuilder();
            while (i + 1 < lines.size() && (lines.get(i + 1).isBlank() || indent(lines.get(i + 1)) > keyIndent)) {
                block.append(lines.get(++i)).append('\n');
            }
            exprs.add(block.toString());
        }
        assertThat(exprs).as("rule expressions").isNotEmpty().allSatisfy(e -> assertThat(e).isNotBlank());
        return exprs;
    }

    private static Set<String> recordingRules(List<String> lines) {
        Set<String> names = new TreeSet<>();
        lines.stream().map(RECORD::matcher).filter(Matcher::matches).forEach(m -> names.add(m.group(1)));
        return names;
    }

    private static Set<String> namesIn(List<String> expressions) {
        Set<String> names = new TreeSet<>();
        expressions.forEach(e -> names.addAll(PromQlMetricNames.in(e)));
        return names;
    }

    /** Every target's expr, anywhere in the panels, and the metric each variable query reads. */
    private static Set<String> dashboardMetrics(Path file) throws IOException {
        JsonNode dashboard = JsonMapper.builder().build().readTree(Files.readString(file));
        List<String> exprs = new ArrayList<>();
        collectExprs(dashboard.get("panels"), exprs);
        assertThat(exprs).as("dashboard expressions").isNotEmpty();
        Set<String> names = namesIn(exprs);
        for (JsonNode variable : dashboard.path("templating").path("list")) {
            if ("query".equals(variable.path("type").asString())) {
                JsonNode query = variable.get("query");
                String text = query.isObject() ? query.path("query").asString() : query.asString();
                names.addAll(PromQlMetricNames.inVariableQuery(text));
            }
        }
        return names;
    }

    private static void collectExprs(JsonNode node, List<String> exprs) {
        if (node == null) {
            return;
        }
        if (node.isObject()) {
            for (var field : node.properties()) {
                if (field.getKey().equals("expr") && field.getValue().isString()) {
                    exprs.add(field.getValue().asString());
                } else {
                    collectExprs(field.getValue(), exprs);
                }
            }
        } else if (node.isArray()) {
            node.forEach(child -> collectExprs(child, exprs));
        }
    }

    private static int indent(String line) {
        int n = 0;
        while (n < line.length() && line.charAt(n) == ' ') {
            n++;
        }
        return n;
    }
}
