package dev.scimgateway.deploy;

import static dev.scimgateway.deploy.Objects.at;
import static dev.scimgateway.deploy.Objects.one;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The `helm install` commands of the README and the runbook, run as written: they render, and
 * they install a monitored gateway that kube-prometheus-stack picks up, labelled like
 * ci/prod-values.yaml.
 */
class DocumentedInstallTest {

    private static final Pattern SET = Pattern.compile("--set\\s+([^\\s=]+)=(\\S+)");

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"README.md", "src/site/runbook.md"})
    void documentedHelmInstallIsMonitoredLikeProd(String document) throws IOException {
        Map<String, Object> sets = helmInstallSets(Files.readString(HelmChart.REPO.resolve(document)));
        assertThat(sets).containsKeys("database.url", "serviceMonitor.enabled", "prometheusRule.enabled");

        var docs = HelmChart.render(null, sets);
        var prod = HelmChart.render("prod");
        for (String kind : List.of("ServiceMonitor", "PrometheusRule")) {
            Map<String, String> labels = at(one(docs, kind), "metadata", "labels");
            Map<String, String> prodLabels = at(one(prod, kind), "metadata", "labels");
            assertThat(labels).as("%s of %s", kind, document)
                    .containsEntry("release", prodLabels.get("release"))
                    .containsEntry("release", "kube-prometheus-stack");
        }
    }

    /** The --set flags of the first `helm install` command, continuation lines included. */
    static Map<String, Object> helmInstallSets(String markdown) {
        int start = markdown.indexOf("helm install ");
        assertThat(start).as("a helm install command").isNotNegative();
        StringBuilder command = new StringBuilder();
        for (String line : markdown.substring(start).lines().toList()) {
            command.append(line.strip()).append(' ');
            if (!line.strip().endsWith("\\")) {
                break;
            }
        }
        Map<String, Object> sets = new LinkedHashMap<>();
        Matcher m = SET.matcher(command);
        while (m.find()) {
            String value = m.group(2);
            sets.put(m.group(1), value.equals("true") || value.equals("false") ? Boolean.valueOf(value) : value);
        }
        return sets;
    }
}
