package dev.scimgateway.observability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scimgateway.support.GatewayTest;
import dev.scimgateway.support.RepositoryFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

/**
 * The endpoints Kubernetes and Prometheus call, as the chart names them: the kubelet's probes on
 * the service port (port: http) and the ServiceMonitor's scrape on the management port. They
 * answer without a token (neither caller has one).
 */
class ChartEndpointsTest extends GatewayTest {

    private static final Path CHART = RepositoryFiles.chart();
    private static final Pattern PATH = Pattern.compile("^\\s*path:\\s*(/\\S+)\\s*$");

    @Test
    void livenessAndReadinessGroupsAreUp() {
        for (String probe : new String[] {"/livez", "/readyz"}) {
            http.get().uri(probe).accept(MediaType.APPLICATION_JSON).exchange()
                    .expectStatus().isOk()
                    .expectBody().jsonPath("$.status").isEqualTo("UP");
        }
    }

    @Test
    void everyPathOfTheChartAnswersOnItsPort() throws Exception {
        Set<String> probes = paths(CHART.resolve("templates/deployment.yaml"));
        assertThat(probes).containsExactlyInAnyOrder("/livez", "/readyz");
        for (String path : probes) {
            http.get().uri(path).exchange().expectStatus().isOk();
        }
        Set<String> scrapes = paths(CHART.resolve("templates/servicemonitor.yaml"));
        assertThat(scrapes).containsExactly("/actuator/prometheus");
        for (String path : scrapes) {
            management().get().uri(path).exchange().expectStatus().isOk();
        }
    }

    private static Set<String> paths(Path template) throws Exception {
        Set<String> paths = new TreeSet<>();
        for (String line : Files.readAllLines(template)) {
            Matcher m = PATH.matcher(line);
            if (m.matches()) {
                paths.add(m.group(1));
            }
        }
        return paths;
    }
}
