package dev.scimgateway.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The chart's own files: documentation of values, the schema's closedness, the dashboard. */
class ChartFilesTest {

    private static final Pattern KEY = Pattern.compile("^( *)([A-Za-z_][\\w.-]*):(.*)$");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /**
     * Every key has a comment line right above it. A key whose comment starts with "# --" and
     * whose value is a block documents the whole block (a Kubernetes object passed through as is).
     */
    @Test
    void everyValuesKeyIsCommented() throws Exception {
        List<String> lines = Files.readAllLines(HelmChart.DIR.resolve("values.yaml"));
        List<String> undocumented = new ArrayList<>();
        Deque<int[]> documentedBlocks = new ArrayDeque<>(); // {indent}
        String previous = "";
        for (String line : lines) {
            Matcher key = KEY.matcher(line);
            if (key.matches()) {
                int indent = key.group(1).length();
                while (!documentedBlocks.isEmpty() && documentedBlocks.peek()[0] >= indent) {
                    documentedBlocks.pop();
                }
                boolean commented = previous.trim().startsWith("#");
                if (!commented && documentedBlocks.isEmpty()) {
                    undocumented.add(line.trim());
                }
                if (previous.trim().startsWith("# --") && key.group(3).isBlank()) {
                    documentedBlocks.push(new int[] {indent});
                }
            }
            if (!line.isBlank()) {
                previous = line;
            }
        }
        assertThat(undocumented).as("values.yaml keys without a comment").isEmpty();
    }

    @Test
    @SuppressWarnings("unchecked")
    void chartYamlSaysWhereItComesFromAndWhoKeepsIt() throws Exception {
        Map<String, Object> chart = tools.jackson.dataformat.yaml.YAMLMapper.builder().build()
                .readValue(HelmChart.DIR.resolve("Chart.yaml").toFile(), Map.class);
        assertThat(chart).containsKeys("home", "sources", "maintainers");
        assertThat((List<String>) chart.get("sources")).isNotEmpty();
        assertThat((List<Map<String, String>>) chart.get("maintainers")).isNotEmpty()
                .allSatisfy(m -> assertThat(m).containsKeys("name", "email"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyObjectOfTheSchemaIsClosedOrATypedMap() throws Exception {
        Map<String, Object> schema = JSON.readValue(HelmChart.DIR.resolve("values.schema.json").toFile(), Map.class);
        List<String> open = new ArrayList<>();
        collectOpenObjects(schema, "$", open);
        assertThat(open).as("objects of values.schema.json without additionalProperties").isEmpty();
    }

    @SuppressWarnings("unchecked")
    private static void collectOpenObjects(Map<String, Object> node, String path, List<String> open) {
        if ("object".equals(node.get("type"))) {
            Object additional = node.get("additionalProperties");
            boolean chartOwned = node.containsKey("properties");
            // Chart-owned objects are closed; maps (labels, resources) constrain their values;
            // whole Kubernetes objects passed through say so in their description.
            if (chartOwned ? !Boolean.FALSE.equals(additional) : additional == null && !node.containsKey("description")) {
                open.add(path);
            }
        }
        for (var entry : node.entrySet()) {
            if (entry.getValue() instanceof Map<?, ?> child) {
                collectOpenObjects((Map<String, Object>) child, path + "." + entry.getKey(), open);
            }
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void dashboardCoversWhatSresWatch() throws Exception {
        Path file = HelmChart.DIR.resolve("dashboards/scim-gateway.json");
        Map<String, Object> dashboard = JSON.readValue(file.toFile(), Map.class);
        List<Map<String, Object>> panels = (List<Map<String, Object>>) dashboard.get("panels");
        List<String> rows = panels.stream().filter(p -> "row".equals(p.get("type"))).map(p -> (String) p.get("title")).toList();
        assertThat(rows).contains("Onboarding progress", "Throughput", "Latency", "Limits", "Overload protection",
                "Database pool");
        java.util.Set<String> used = new java.util.TreeSet<>();
        for (var panel : panels) {
            if ("row".equals(panel.get("type"))) {
                continue;
            }
            String title = String.valueOf(panel.get("title"));
            String exprs = String.valueOf(panel.get("targets"));
            String description = String.valueOf(panel.get("description"));
            assertThat(exprs).as(title).contains("job=\"$job\"", "namespace=\"$namespace\"")
                    .doesNotContain("http_server_requests");
            var metrics = GatewayMetrics.in(exprs);
            used.addAll(metrics);
            assertThat(description).as(title).doesNotContain("issue 4");
            if (metrics.stream().anyMatch(GatewayMetrics.NOT_YET_AVAILABLE::contains)) {
                assertThat(description).as(title).startsWith("Not yet available");
            } else {
                assertThat(metrics).as("metrics of panel %s", title).isNotEmpty().isSubsetOf(GatewayMetrics.EXPORTED);
                assertThat(description).as(title).doesNotContainIgnoringCase("not yet available");
            }
        }
        assertThat(used).contains("scim_requests_seconds_bucket", "scim_requests_seconds_count", "scim_requests_inflight",
                "scim_tenant_requests_total", "scim_rate_limited_total", "scim_overload_rejected_total",
                "scim_idempotent_replays_total", "scim_onboarding_users_total", "scim_onboarding_groups_total",
                "scim_onboarding_memberships_total", "scim_group_members_skipped_total",
                "resilience4j_bulkhead_available_concurrent_calls", "resilience4j_circuitbreaker_state",
                "r2dbc_pool_acquired_connections", "r2dbc_pool_pending_connections");
    }
}
