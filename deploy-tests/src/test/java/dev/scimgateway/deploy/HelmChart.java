package dev.scimgateway.deploy;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** The chart under test, rendered by real Helm (helm-java bundles it as a native library). */
final class HelmChart {

    static final Path REPO = locateRepository();
    static final Path DIR = REPO.resolve("helm/scim-gateway");
    static final String RELEASE = "scim-gateway";
    static final String NAMESPACE = "scim-gateway";
    /** helm-java's client-only rendering assumes Kubernetes 1.20, below the chart's kubeVersion. */
    static final String KUBE_VERSION = "1.31.0";

    private static final tools.jackson.dataformat.yaml.YAMLMapper YAML = tools.jackson.dataformat.yaml.YAMLMapper.builder().build();

    private HelmChart() {}

    static {
        FakeKubernetesApi.start();
    }

    /** helm lint of the chart exactly as it is, with its own values.yaml. */
    static LintResult lintAsIs() {
        return new Helm(DIR).lint().strict().call();
    }

    /**
     * helm lint with a ci values file. helm-java's lint takes no values file, so a copy of the
     * chart gets values.yaml merged with it, the way Helm merges a -f file over the defaults.
     */
    @SuppressWarnings("unchecked")
    static LintResult lint(String ciCase) {
        try {
            Path copy = Files.createTempDirectory("chart-lint-").resolve(DIR.getFileName());
            try (Stream<Path> files = Files.walk(DIR)) {
                for (Path file : files.toList()) {
                    Path target = copy.resolve(DIR.relativize(file).toString());
                    if (Files.isDirectory(file)) {
                        Files.createDirectories(target);
                    } else {
                        Files.copy(file, target);
                    }
                }
            }
            Map<String, Object> values = YAML.readValue(DIR.resolve("values.yaml").toFile(), Map.class);
            Map<String, Object> overrides = YAML.readValue(ciValues(ciCase).toFile(), Map.class);
            YAML.writeValue(copy.resolve("values.yaml").toFile(), mergeValues(values, overrides == null ? Map.of() : overrides));
            return new Helm(copy).lint().strict().call();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Helm's coalescing of values: maps merge key by key, anything else is replaced. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> mergeValues(Map<String, Object> base, Map<String, Object> overrides) {
        Map<String, Object> merged = new java.util.LinkedHashMap<>(base);
        for (var entry : overrides.entrySet()) {
            if (merged.get(entry.getKey()) instanceof Map<?, ?> a && entry.getValue() instanceof Map<?, ?> b) {
                merged.put(entry.getKey(), mergeValues((Map<String, Object>) a, (Map<String, Object>) b));
            } else {
                merged.put(entry.getKey(), entry.getValue());
            }
        }
        return merged;
    }

    static String template(Path valuesFile, Map<String, Object> sets) {
        var command = new Helm(DIR).template().withName(RELEASE).withNamespace(NAMESPACE).withKubeVersion(KUBE_VERSION);
        if (valuesFile != null) {
            command = command.withValuesFile(valuesFile);
        }
        for (var set : sets.entrySet()) {
            command = command.set(set.getKey(), set.getValue());
        }
        return command.call();
    }

    static List<Map<String, Object>> render(Path valuesFile, Map<String, Object> sets) {
        return StrictKubernetesParser.documents(template(valuesFile, sets));
    }

    static List<Map<String, Object>> render(String ciCase) {
        return render(ciValues(ciCase), Map.of());
    }

    static Path ciValues(String ciCase) {
        return DIR.resolve("ci").resolve(ciCase + "-values.yaml");
    }

    static List<String> ciCases() {
        try (Stream<Path> files = Files.list(DIR.resolve("ci"))) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith("-values.yaml"))
                    .map(n -> n.substring(0, n.length() - "-values.yaml".length()))
                    .sorted()
                    .toList();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Surefire runs in the module folder; the chart lives beside it. */
    private static Path locateRepository() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("helm/scim-gateway"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("helm/scim-gateway not found above " + Path.of("").toAbsolutePath());
        }
        return dir;
    }
}
