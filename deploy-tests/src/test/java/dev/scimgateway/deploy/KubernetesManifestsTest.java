package dev.scimgateway.deploy;

import static dev.scimgateway.deploy.Objects.at;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** k8s/: every file parses as its type, and each overlay renders to what the chart renders for its twin values file. */
class KubernetesManifestsTest {

    private static final Path K8S = HelmChart.REPO.resolve("k8s");
    private static final List<String> CHART_ONLY_LABELS =
            List.of("helm.sh/chart", "app.kubernetes.io/managed-by", "app.kubernetes.io/version");

    static Stream<Path> yamlFiles() throws IOException {
        try (Stream<Path> files = Files.walk(K8S)) {
            return files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("yamlFiles")
    void everyFileParsesAsItsKind(Path file) throws IOException {
        var docs = StrictKubernetesParser.documents(Files.readString(file));
        assertThat(docs).isNotEmpty();
        for (var doc : docs) {
            String kind = (String) doc.get("kind");
            if (kind.equals("Kustomization") || kind.equals("Component")) {
                assertReferencedFilesExist(file.getParent(), doc);
            } else if (StrictKubernetesParser.CUSTOM_KINDS.contains(kind)) {
                StrictKubernetesParser.parseCustom(doc);
            } else {
                StrictKubernetesParser.parse(doc);
            }
        }
    }

    @ParameterizedTest(name = "overlays/{0}")
    @ValueSource(strings = {"dev", "prod"})
    void overlayRendersToStrictlyValidSecureObjects(String overlay) {
        var objects = KustomizeLite.build(K8S.resolve("overlays").resolve(overlay));
        for (var object : objects) {
            if (StrictKubernetesParser.CUSTOM_KINDS.contains(object.get("kind"))) {
                StrictKubernetesParser.parseCustom(object);
            } else {
                StrictKubernetesParser.parse(object);
            }
            assertThat((String) at(object, "metadata", "namespace")).isEqualTo("scim-gateway");
        }
        Deployment deployment = StrictKubernetesParser.parse(Objects.one(objects, "Deployment"), Deployment.class);
        Container gateway = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(gateway.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/readyz");
        assertThat(gateway.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/livez");
        assertThat(gateway.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
        assertThat(gateway.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
        assertThat(gateway.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
        assertThat(deployment.getSpec().getTemplate().getSpec().getSecurityContext().getRunAsNonRoot()).isTrue();
    }

    /** The overlays are the chart's dev and prod values written out; drift between the two fails here. */
    @ParameterizedTest(name = "overlays/{0} == chart with ci/{0}-values.yaml")
    @ValueSource(strings = {"dev", "prod"})
    void overlayMatchesTheChartWithItsTwinValues(String overlay) {
        Map<String, Map<String, Object>> kustomized = byKindAndName(KustomizeLite.build(K8S.resolve("overlays").resolve(overlay)));
        Map<String, Map<String, Object>> charted = byKindAndName(HelmChart.render(overlay));
        assertThat(kustomized.keySet()).isEqualTo(charted.keySet());
        for (var key : charted.keySet()) {
            assertThat(kustomized.get(key)).as(key).isEqualTo(charted.get(key));
        }
    }

    @Test
    void dashboardCopyMatchesTheChart() throws IOException {
        assertThat(Files.readString(K8S.resolve("components/monitoring/scim-gateway.json")))
                .isEqualTo(Files.readString(HelmChart.DIR.resolve("dashboards/scim-gateway.json")));
    }

    private static Map<String, Map<String, Object>> byKindAndName(List<Map<String, Object>> objects) {
        Map<String, Map<String, Object>> result = new TreeMap<>();
        for (var object : objects) {
            normalise(object);
            result.put(object.get("kind") + "/" + StrictKubernetesParser.name(object), object);
        }
        return result;
    }

    /** Drops what only Helm adds: its labels, the keep policy and the checksum annotations. */
    @SuppressWarnings("unchecked")
    private static void normalise(Map<String, Object> object) {
        var metadata = (Map<String, Object>) object.get("metadata");
        stripHelm(metadata);
        if ("Deployment".equals(object.get("kind"))) {
            stripHelm(at(object, "spec", "template", "metadata"));
        }
        if ("Secret".equals(object.get("kind")) || "ConfigMap".equals(object.get("kind"))) {
            var data = (Map<String, Object>) object.get("data");
            data.replaceAll((k, v) -> v instanceof String s ? s.strip() : v);
        }
    }

    @SuppressWarnings("unchecked")
    private static void stripHelm(Map<String, Object> metadata) {
        if (metadata.get("labels") instanceof Map<?, ?> labels) {
            CHART_ONLY_LABELS.forEach(labels::remove);
        }
        if (metadata.get("annotations") instanceof Map<?, ?> annotations) {
            ((Map<String, Object>) annotations).keySet().removeIf(k -> k.startsWith("checksum/") || k.equals("helm.sh/resource-policy"));
            if (annotations.isEmpty()) {
                metadata.remove("annotations");
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static void assertReferencedFilesExist(Path dir, Map<String, Object> kustomization) {
        for (String key : List.of("resources", "components")) {
            for (String ref : (List<String>) kustomization.getOrDefault(key, List.of())) {
                assertThat(dir.resolve(ref)).as("%s in %s", ref, dir).exists();
            }
        }
        for (var patch : (List<Map<String, Object>>) kustomization.getOrDefault("patches", List.of())) {
            assertThat(dir.resolve((String) patch.get("path"))).exists();
        }
        for (String kind : List.of("configMapGenerator", "secretGenerator")) {
            for (var generator : (List<Map<String, Object>>) kustomization.getOrDefault(kind, List.of())) {
                for (String file : (List<String>) generator.getOrDefault("files", List.of())) {
                    assertThat(dir.resolve(file.substring(file.indexOf('=') + 1))).exists();
                }
            }
        }
    }
}
