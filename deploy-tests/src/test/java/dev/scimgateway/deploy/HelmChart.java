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

    private HelmChart() {}

    static {
        FakeKubernetesApi.start();
    }

    static LintResult lint() {
        return new Helm(DIR).lint().strict().call();
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
