package dev.scimgateway.deploy;

import static dev.scimgateway.deploy.HelmChart.render;
import static dev.scimgateway.deploy.Objects.all;
import static dev.scimgateway.deploy.Objects.at;
import static dev.scimgateway.deploy.Objects.has;
import static dev.scimgateway.deploy.Objects.one;
import static dev.scimgateway.deploy.StrictKubernetesParser.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.dataformat.yaml.YAMLMapper;

class HelmChartTest {

    static Stream<String> ciCases() {
        return HelmChart.ciCases().stream();
    }

    /**
     * Plain `helm lint` of the chart with its own values keeps passing (chart repositories run it):
     * in lint mode Helm logs a template's fail instead of failing, so the refusal below does not
     * break it.
     */
    @Test
    void lintsCleanInStrictModeWithItsOwnValues() {
        var result = HelmChart.lintAsIs();
        assertThat(result.isFailed()).as("helm lint --strict: %s", result.getMessages()).isFalse();
    }

    @ParameterizedTest(name = "ci/{0}-values.yaml")
    @MethodSource("ciCases")
    void lintsCleanInStrictMode(String ciCase) {
        var result = HelmChart.lint(ciCase);
        assertThat(result.isFailed()).as("helm lint --strict: %s", result.getMessages()).isFalse();
    }

    /** Default values alone would give pods that crash-loop on the embedded-database refusal. */
    @Test
    void defaultValuesAloneAreRefusedWithAClearMessage() {
        assertThatThrownBy(() -> HelmChart.template(null, Map.of()))
                .hasMessageContaining("database.url is required")
                .hasMessageContaining("database.existingSecretUrlKey")
                .hasMessageContaining("gateway.allowEmbeddedDatabase=true");
    }

    @Test
    void databaseUrlMayComeFromTheExistingSecret() {
        var docs = render((Path) null, Map.of("database.existingSecret", "pg-app", "database.existingSecretUrlKey", "r2dbc-url"));
        assertThat(configData(docs)).doesNotContainKey("SCIM_GATEWAY_DB_URL");
        EnvVar url = gatewayContainer(docs).getEnv().stream().filter(e -> e.getName().equals("SCIM_GATEWAY_DB_URL"))
                .findFirst().orElseThrow();
        assertThat(url.getValueFrom().getSecretKeyRef().getName()).isEqualTo("pg-app");
        assertThat(url.getValueFrom().getSecretKeyRef().getKey()).isEqualTo("r2dbc-url");

        assertThatThrownBy(() -> HelmChart.template(null, Map.of("database.existingSecretUrlKey", "r2dbc-url")))
                .hasMessageContaining("set database.existingSecret too");
        assertThatThrownBy(() -> HelmChart.template(HelmChart.ciValues("default"),
                Map.of("database.existingSecret", "pg-app", "database.existingSecretUrlKey", "r2dbc-url")))
                .hasMessageContaining("set only one of them");
    }

    @Test
    void coversTheExpectedCiCases() {
        assertThat(HelmChart.ciCases()).contains("default", "dev", "prod", "minimal", "embedded-demo");
    }

    @ParameterizedTest(name = "ci/{0}-values.yaml")
    @MethodSource("ciCases")
    void everyRenderedObjectParsesAsItsKubernetesType(String ciCase) {
        var docs = render(ciCase);
        assertThat(docs).isNotEmpty();
        for (var doc : docs) {
            var metadata = StrictKubernetesParser.CUSTOM_KINDS.contains(doc.get("kind"))
                    ? StrictKubernetesParser.parseCustom(doc) : parse(doc).getMetadata();
            assertThat(metadata.getNamespace()).isEqualTo(HelmChart.NAMESPACE);
        }
    }

    @ParameterizedTest(name = "ci/{0}-values.yaml")
    @MethodSource("ciCases")
    void probesUseTheActuatorHealthGroupsOnTheServicePort(String ciCase) {
        Container gateway = gatewayContainer(render(ciCase));
        assertHttpProbe(gateway.getLivenessProbe(), "/livez");
        assertHttpProbe(gateway.getReadinessProbe(), "/readyz");
        if (gateway.getStartupProbe() != null) {
            assertHttpProbe(gateway.getStartupProbe(), "/livez");
        }
    }

    @ParameterizedTest(name = "ci/{0}-values.yaml")
    @MethodSource("ciCases")
    void podsRunNonRootOnAReadOnlyRootWithoutPrivileges(String ciCase) {
        var docs = render(ciCase);
        PodSpec pod = deployment(docs).getSpec().getTemplate().getSpec();
        assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(pod.getSecurityContext().getRunAsUser()).isNotZero();
        assertThat(pod.getAutomountServiceAccountToken()).isFalse();
        for (Container container : pod.getContainers()) {
            var sc = container.getSecurityContext();
            assertThat(sc.getRunAsNonRoot()).isTrue();
            assertThat(sc.getReadOnlyRootFilesystem()).isTrue();
            assertThat(sc.getAllowPrivilegeEscalation()).isFalse();
            assertThat(sc.getCapabilities().getDrop()).containsExactly("ALL");
            assertThat(sc.getCapabilities().getAdd()).isNullOrEmpty();
            // A read-only root needs writable scratch space where the JVM and the gateway write.
            assertThat(container.getVolumeMounts()).extracting(m -> m.getMountPath()).contains("/tmp", "/data");
        }
    }

    /** An unbounded emptyDir can fill the node's disk; a bounded one evicts only its own pod. */
    @Test
    void dataVolumeIsBounded() {
        assertThat(dataVolumeLimit("default")).isEqualTo("1Gi");
        assertThat(dataVolumeLimit("embedded-demo")).isEqualTo("4Gi");
    }

    private static String dataVolumeLimit(String ciCase) {
        return deployment(render(ciCase)).getSpec().getTemplate().getSpec().getVolumes().stream()
                .filter(v -> v.getName().equals("data")).findFirst().orElseThrow()
                .getEmptyDir().getSizeLimit().toString();
    }

    @ParameterizedTest(name = "ci/{0}-values.yaml")
    @MethodSource("ciCases")
    void selectorsAndLabelsAgree(String ciCase) {
        var docs = render(ciCase);
        Deployment deployment = deployment(docs);
        Map<String, String> selector = deployment.getSpec().getSelector().getMatchLabels();
        assertThat(selector).containsOnlyKeys("app.kubernetes.io/name", "app.kubernetes.io/instance");
        assertThat(deployment.getSpec().getTemplate().getMetadata().getLabels()).containsAllEntriesOf(selector);

        for (var doc : all(docs, "Service")) {
            assertThat(parse(doc, Service.class).getSpec().getSelector()).isEqualTo(selector);
        }

        for (var doc : all(docs, "PodDisruptionBudget")) {
            assertThat(parse(doc, PodDisruptionBudget.class).getSpec().getSelector().getMatchLabels()).isEqualTo(selector);
        }
        for (var doc : all(docs, "NetworkPolicy")) {
            assertThat(parse(doc, NetworkPolicy.class).getSpec().getPodSelector().getMatchLabels()).isEqualTo(selector);
        }
        for (var doc : all(docs, "HorizontalPodAutoscaler")) {
            var target = parse(doc, HorizontalPodAutoscaler.class).getSpec().getScaleTargetRef();
            assertThat(target.getKind()).isEqualTo("Deployment");
            assertThat(target.getName()).isEqualTo(deployment.getMetadata().getName());
            // The HPA owns the replica count; a fixed one would be reset on every upgrade.
            assertThat(deployment.getSpec().getReplicas()).isNull();
        }
        for (var constraint : deployment.getSpec().getTemplate().getSpec().getTopologySpreadConstraints()) {
            assertThat(constraint.getLabelSelector().getMatchLabels()).isEqualTo(selector);
        }
        for (var doc : docs) {
            Map<String, String> labels = at(doc, "metadata", "labels");
            assertThat(labels).as("labels of %s", doc.get("kind"))
                    .containsKeys("helm.sh/chart", "app.kubernetes.io/managed-by", "app.kubernetes.io/version")
                    .containsAllEntriesOf(selector);
        }
    }

    @ParameterizedTest(name = "ci/{0}-values.yaml")
    @MethodSource("ciCases")
    void environmentComesFromObjectsThatExist(String ciCase) {
        var docs = render(ciCase);
        Container gateway = gatewayContainer(docs);
        String configMap = gateway.getEnvFrom().get(0).getConfigMapRef().getName();
        assertThat(all(docs, "ConfigMap")).extracting(StrictKubernetesParser::name).contains(configMap);

        Map<String, Secret> secrets = new HashMap<>();
        all(docs, "Secret").forEach(d -> secrets.put(StrictKubernetesParser.name(d), parse(d, Secret.class)));
        for (EnvVar env : gateway.getEnv()) {
            var ref = env.getValueFrom() == null ? null : env.getValueFrom().getSecretKeyRef();
            if (ref != null && secrets.containsKey(ref.getName())) {
                assertThat(secrets.get(ref.getName()).getData()).as(env.getName()).containsKey(ref.getKey());
            }
        }
        assertThat(gateway.getEnv()).extracting(EnvVar::getName)
                .contains("SCIM_GATEWAY_ADMIN_TOKEN", "SCIM_GATEWAY_TOKEN_SIGNING_KEY", "SCIM_GATEWAY_EVENTS_SIGNING_KEY");
    }

    /**
     * The change feed's SET key is generated once for every replica: a P-256 key in SEC 1 PEM (a
     * SEQUENCE of 119 bytes naming prime256v1), which the gateway reads.
     */
    @Test
    void generatedEventsSigningKeyIsOneP256KeyForEveryReplica() {
        Secret secret = parse(one(render("default"), "Secret"), Secret.class);
        String pem = decode(secret.getData().get("events-signing-key"));
        assertThat(pem).startsWith("-----BEGIN EC PRIVATE KEY-----").contains("-----END EC PRIVATE KEY-----");
        byte[] der = Base64.getMimeDecoder().decode(pem.replace("-----BEGIN EC PRIVATE KEY-----", "")
                .replace("-----END EC PRIVATE KEY-----", "").strip());
        assertThat(der[0]).isEqualTo((byte) 0x30);
        assertThat(der[1]).isEqualTo((byte) 119);
        assertThat(HexFormat.of().formatHex(der)).contains("06082a8648ce3d030107");
    }

    @Test
    void anExistingSecretMayLackTheEventsSigningKey() {
        EnvVar events = gatewayContainer(render("prod")).getEnv().stream()
                .filter(env -> env.getName().equals("SCIM_GATEWAY_EVENTS_SIGNING_KEY")).findFirst().orElseThrow();
        assertThat(events.getValueFrom().getSecretKeyRef().getName()).isEqualTo("scim-gateway-auth");
        assertThat(events.getValueFrom().getSecretKeyRef().getKey()).isEqualTo("events-signing-key");
        assertThat(events.getValueFrom().getSecretKeyRef().getOptional()).isTrue();
    }

    @Test
    void generatedSigningKeyIsBase64OfAtLeast32Bytes() {
        Secret secret = parse(one(render("default"), "Secret"), Secret.class);
        String key = decode(secret.getData().get("token-signing-key"));
        assertThat(Base64.getDecoder().decode(key)).hasSizeGreaterThanOrEqualTo(32);
        assertThat(decode(secret.getData().get("admin-token"))).hasSizeGreaterThanOrEqualTo(32);
        assertThat(secret.getMetadata().getAnnotations()).containsEntry("helm.sh/resource-policy", "keep");
    }

    @Test
    void generatedSecretsSurviveAnUpgrade() {
        String admin = Base64.getEncoder().encodeToString("admin-token-from-the-first-install".getBytes(StandardCharsets.UTF_8));
        String key = Base64.getEncoder().encodeToString("a2V5LWZyb20tdGhlLWZpcnN0LWluc3RhbGwtMDEyMzQ1Njc4OQ==".getBytes(StandardCharsets.UTF_8));
        String events = Base64.getEncoder().encodeToString("events-key-from-the-first-install".getBytes(StandardCharsets.UTF_8));
        FakeKubernetesApi.putSecret(HelmChart.NAMESPACE, HelmChart.RELEASE, """
                {"apiVersion":"v1","kind":"Secret","metadata":{"name":"%s","namespace":"%s"},
                 "data":{"admin-token":"%s","token-signing-key":"%s","events-signing-key":"%s"}}"""
                .formatted(HelmChart.RELEASE, HelmChart.NAMESPACE, admin, key, events));
        try {
            Secret secret = parse(one(render("default"), "Secret"), Secret.class);
            assertThat(secret.getData()).containsEntry("admin-token", admin).containsEntry("token-signing-key", key)
                    .containsEntry("events-signing-key", events);
        } finally {
            FakeKubernetesApi.clear();
        }
    }

    @Test
    void existingSecretsReplaceTheChartSecret() {
        var docs = render("prod");
        assertThat(has(docs, "Secret")).isFalse();
        Map<String, String> refs = new HashMap<>();
        gatewayContainer(docs).getEnv().stream().filter(e -> e.getValueFrom() != null)
                .forEach(e -> refs.put(e.getName(), e.getValueFrom().getSecretKeyRef().getName()));
        assertThat(refs).containsEntry("SCIM_GATEWAY_DB_PASSWORD", "scim-gateway-db")
                .containsEntry("SCIM_GATEWAY_ADMIN_TOKEN", "scim-gateway-auth");
    }

    @Test
    void embeddedDatabaseIsRefusedUnlessTheDemoSwitchIsOn() {
        assertThat(configData(render("default"))).containsEntry("SCIM_GATEWAY_ALLOW_EMBEDDED_DATABASE", "false")
                // Helm turns large YAML integers into floats ("1.048576e+06") unless the template says int.
                .containsEntry("SCIM_GATEWAY_SCIM_MAX_BODY_BYTES", "1048576");
        assertThat(configData(render("embedded-demo"))).containsEntry("SCIM_GATEWAY_ALLOW_EMBEDDED_DATABASE", "true")
                .doesNotContainKey("SCIM_GATEWAY_DB_URL");
        assertThat(configData(render("prod")))
                .containsEntry("SCIM_GATEWAY_DB_URL", "r2dbc:postgresql://scim-db-rw.database.svc:5432/scim")
                .containsEntry("SCIM_GATEWAY_DATA_DIR", "/data")
                // The gateway publishes its own scim_requests_seconds histogram; Spring's is left off.
                .doesNotContainKey("MANAGEMENT_METRICS_DISTRIBUTION_PERCENTILESHISTOGRAM_HTTP_SERVER_REQUESTS");
    }

    /** Bulk, rate-limit and overload values reach the gateway as the variables the README lists. */
    @Test
    void gatewayLimitsReachTheConfigMap(@TempDir Path dir) throws Exception {
        assertThat(configData(render("default")))
                .containsEntry("SCIM_GATEWAY_BULK_MAX_OPERATIONS", "1000")
                .containsEntry("SCIM_GATEWAY_BULK_MAX_PAYLOAD_BYTES", "4194304")
                .containsEntry("SCIM_GATEWAY_BULK_CONCURRENCY", "128")
                .containsEntry("SCIM_GATEWAY_RATE_LIMITS_READ_PER_SECOND", "500")
                .containsEntry("SCIM_GATEWAY_RATE_LIMITS_READ_BURST", "1000")
                .containsEntry("SCIM_GATEWAY_RATE_LIMITS_WRITE_PER_SECOND", "250")
                .containsEntry("SCIM_GATEWAY_RATE_LIMITS_WRITE_BURST", "500")
                .containsEntry("SCIM_GATEWAY_OVERLOAD_MAX_CONCURRENT_REQUESTS", "256")
                .containsEntry("SCIM_GATEWAY_OVERLOAD_MAX_CONCURRENT_BULK_REQUESTS", "64")
                .containsEntry("SCIM_GATEWAY_OVERLOAD_REQUEST_TIMEOUT", "25s");
        // A values file: --set keeps 12.5 a string, which the schema refuses.
        Path values = dir.resolve("limits-values.yaml");
        Files.writeString(values, """
                database: {url: "r2dbc:postgresql://postgres:5432/scim"}
                gateway: {rateLimits: {writePerSecond: 12.5}, bulk: {maxPayloadBytes: 16777216}}
                """);
        assertThat(configData(render(values, Map.of())))
                .containsEntry("SCIM_GATEWAY_RATE_LIMITS_WRITE_PER_SECOND", "12.5")
                .containsEntry("SCIM_GATEWAY_BULK_MAX_PAYLOAD_BYTES", "16777216");
        assertThatThrownBy(() -> HelmChart.template(HelmChart.ciValues("default"), Map.of("gateway.rateLimits.readPerSecnd", 5)))
                .hasMessageContaining("readPerSecnd");
        assertThatThrownBy(() -> HelmChart.template(HelmChart.ciValues("default"), Map.of("gateway.overload.requestTimeout", "25")))
                .hasMessageContaining("requestTimeout");
    }

    /** Slow-client timeouts and the connection limit reach the gateway as the variables the README lists. */
    @Test
    void connectionSettingsReachTheConfigMap(@TempDir Path dir) throws Exception {
        assertThat(configData(render("default")))
                .containsEntry("SCIM_GATEWAY_CONNECTIONS_IDLE_TIMEOUT", "75s")
                .containsEntry("SCIM_GATEWAY_CONNECTIONS_REQUEST_HEAD_TIMEOUT", "10s")
                .containsEntry("SCIM_GATEWAY_CONNECTIONS_BODY_READ_TIMEOUT", "60s")
                .containsEntry("SCIM_GATEWAY_CONNECTIONS_MAX_CONNECTIONS", "4096");
        Path values = dir.resolve("connections-values.yaml");
        Files.writeString(values, """
                database: {url: "r2dbc:postgresql://postgres:5432/scim"}
                gateway: {connections: {idleTimeout: 2m, requestHeadTimeout: 5s, bodyReadTimeout: 1500ms, maxConnections: 20000}}
                """);
        assertThat(configData(render(values, Map.of())))
                .containsEntry("SCIM_GATEWAY_CONNECTIONS_IDLE_TIMEOUT", "2m")
                .containsEntry("SCIM_GATEWAY_CONNECTIONS_REQUEST_HEAD_TIMEOUT", "5s")
                .containsEntry("SCIM_GATEWAY_CONNECTIONS_BODY_READ_TIMEOUT", "1500ms")
                // Helm would write 20000 as 2e+04 without the template's int.
                .containsEntry("SCIM_GATEWAY_CONNECTIONS_MAX_CONNECTIONS", "20000");
        // The gateway refuses timeouts under a second: a typo such as 0s or 10ms would cut every client.
        for (String timeout : List.of("0s", "10ms", "10", "ten seconds")) {
            assertThatThrownBy(() -> HelmChart.template(HelmChart.ciValues("default"),
                    Map.of("gateway.connections.bodyReadTimeout", timeout))).as(timeout).hasMessageContaining("bodyReadTimeout");
        }
        assertThatThrownBy(() -> HelmChart.template(HelmChart.ciValues("default"), Map.of("gateway.connections.maxConnections", 0)))
                .hasMessageContaining("maxConnections");
        assertThatThrownBy(() -> HelmChart.template(HelmChart.ciValues("default"), Map.of("gateway.connections.idleTimout", "75s")))
                .hasMessageContaining("idleTimout");
    }

    @Test
    void shutdownDrainSettingsReachTheConfigMap() throws Exception {
        assertThat(configData(render("default")))
                .containsEntry("SCIM_GATEWAY_SHUTDOWN_QUIET_PERIOD", "500ms")
                .containsEntry("SCIM_GATEWAY_SHUTDOWN_DRAIN_LIMIT", "5s");
        assertThat(configData(render(HelmChart.ciValues("default"), Map.of("gateway.shutdown.drainLimit", "10s"))))
                .containsEntry("SCIM_GATEWAY_SHUTDOWN_DRAIN_LIMIT", "10s");
        assertThatThrownBy(() -> HelmChart.template(HelmChart.ciValues("default"), Map.of("gateway.shutdown.drainLimit", "5")))
                .hasMessageContaining("drainLimit");
    }

    @Test
    void checksumAnnotationFollowsConfigurationAndSecretInputs() {
        Map<String, String> base = podAnnotations(Map.of());
        assertThat(base).containsKeys("checksum/config", "checksum/secret");
        // Stable: rendering twice must not roll the pods (the generated secret values differ each time).
        assertThat(podAnnotations(Map.of())).isEqualTo(base);

        Map<String, String> config = podAnnotations(Map.of("gateway.scim.maxCount", 500));
        assertThat(config.get("checksum/config")).isNotEqualTo(base.get("checksum/config"));
        assertThat(config.get("checksum/secret")).isEqualTo(base.get("checksum/secret"));

        Map<String, String> secret = podAnnotations(Map.of("auth.adminToken", "rotated-admin-token-0123456789abcdef"));
        assertThat(secret.get("checksum/secret")).isNotEqualTo(base.get("checksum/secret"));
        assertThat(secret.get("checksum/config")).isEqualTo(base.get("checksum/config"));
    }

    @Test
    void shutdownOutlastsTheDrainAndSpringsShutdownPhase() {
        var docs = render("default");
        PodSpec pod = deployment(docs).getSpec().getTemplate().getSpec();
        List<String> preStop = pod.getContainers().get(0).getLifecycle().getPreStop().getExec().getCommand();
        assertThat(preStop.get(0)).isEqualTo("sleep");
        long drain = Long.parseLong(preStop.get(1));
        assertThat(drain).isPositive();
        long shutdownPhase = gatewayShutdownPhase().toSeconds();
        assertThat(shutdownPhase).isPositive();
        assertThat(pod.getTerminationGracePeriodSeconds()).isGreaterThan(drain + shutdownPhase);
        var strategy = deployment(docs).getSpec().getStrategy().getRollingUpdate();
        assertThat(strategy.getMaxUnavailable().getIntVal()).isZero();
    }

    @Test
    void schemaRejectsAMisspeltTopLevelKey() {
        assertThatThrownBy(() -> HelmChart.template(null, Map.of("replicaCont", 3)))
                .hasMessageContaining("replicaCont");
    }

    @Test
    void schemaRejectsAMisspeltNestedKeyInAValuesFile(@TempDir Path dir) throws Exception {
        Path values = dir.resolve("typo-values.yaml");
        Files.writeString(values, "database:\n  poolMaxSzie: 32\n");
        assertThatThrownBy(() -> HelmChart.template(values, Map.of())).hasMessageContaining("poolMaxSzie");
    }

    @Test
    void schemaRejectsAWrongType() {
        assertThatThrownBy(() -> HelmChart.template(null, Map.of("database.poolMaxSize", "many")))
                .hasMessageContaining("poolMaxSize");
    }

    /** JSON logs for the cluster's log shipper by default; tracing only with a collector to send to. */
    @Test
    void logFormatAndTracingReachTheConfigMap() {
        assertThat(configData(render("default"))).containsEntry("SCIM_GATEWAY_LOG_FORMAT", "ecs")
                .doesNotContainKeys("SCIM_GATEWAY_TRACING_OTLP_ENDPOINT", "SCIM_GATEWAY_TRACING_SAMPLING_PROBABILITY");
        assertThat(configData(render(HelmChart.ciValues("default"), Map.of("gateway.logFormat", "text"))))
                .doesNotContainKey("SCIM_GATEWAY_LOG_FORMAT");
        assertThat(configData(render(HelmChart.ciValues("default"), Map.of("gateway.logFormat", "logstash",
                "gateway.tracing.otlpEndpoint", "http://otel-collector.observability:4318/v1/traces"))))
                .containsEntry("SCIM_GATEWAY_LOG_FORMAT", "logstash")
                .containsEntry("SCIM_GATEWAY_TRACING_OTLP_ENDPOINT", "http://otel-collector.observability:4318/v1/traces")
                .containsEntry("SCIM_GATEWAY_TRACING_SAMPLING_PROBABILITY", "0.1");
        assertThatThrownBy(() -> HelmChart.template(HelmChart.ciValues("default"), Map.of("gateway.logFormat", "json")))
                .hasMessageContaining("logFormat");
        assertThatThrownBy(() -> HelmChart.template(HelmChart.ciValues("default"),
                Map.of("gateway.tracing.otlpEndpoint", "otel-collector:4318"))).hasMessageContaining("otlpEndpoint");
    }

    @Test
    void monitoringIsOffByDefault() {
        var docs = render("default");
        assertThat(has(docs, "ServiceMonitor")).isFalse();
        assertThat(has(docs, "PrometheusRule")).isFalse();
        assertThat(all(docs, "ConfigMap")).hasSize(1);
    }

    /** spring.lifecycle.timeout-per-shutdown-phase of the gateway, read from its application.yaml. */
    @SuppressWarnings("unchecked")
    static Duration gatewayShutdownPhase() {
        Path file = HelmChart.REPO.resolve("gateway/src/main/resources/application.yaml");
        try {
            Map<String, Object> config = YAMLMapper.builder().build().readValue(file.toFile(), Map.class);
            String value = String.valueOf((Object) at(config, "spring", "lifecycle", "timeout-per-shutdown-phase"));
            return DurationStyle.parse(value);
        } catch (RuntimeException e) {
            throw new AssertionError("no spring.lifecycle.timeout-per-shutdown-phase in " + file, e);
        }
    }

    /** The forms Spring Boot accepts for a Duration property that tests meet here: 25s, 500ms, 1m, or plain seconds. */
    private static final class DurationStyle {
        static Duration parse(String value) {
            var m = java.util.regex.Pattern.compile("^(\\d+)(ms|s|m|h)?$").matcher(value.trim());
            if (!m.matches()) {
                throw new IllegalArgumentException("not a simple duration: " + value);
            }
            long n = Long.parseLong(m.group(1));
            return switch (m.group(2) == null ? "ms" : m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                default -> Duration.ofHours(n);
            };
        }
    }

    static Deployment deployment(List<Map<String, Object>> docs) {
        return parse(one(docs, "Deployment"), Deployment.class);
    }

    static Container gatewayContainer(List<Map<String, Object>> docs) {
        return deployment(docs).getSpec().getTemplate().getSpec().getContainers().stream()
                .filter(c -> c.getName().equals("gateway")).findFirst().orElseThrow();
    }

    private static void assertHttpProbe(Probe probe, String path) {
        assertThat(probe).isNotNull();
        assertThat(probe.getHttpGet().getPath()).isEqualTo(path);
        assertThat(probe.getHttpGet().getPort().getStrVal()).isEqualTo("http");
    }

    private static Map<String, String> podAnnotations(Map<String, Object> sets) {
        return deployment(render(HelmChart.ciValues("default"), sets)).getSpec().getTemplate().getMetadata().getAnnotations();
    }

    private static Map<String, String> configData(List<Map<String, Object>> docs) {
        return at(all(docs, "ConfigMap").stream()
                .filter(d -> StrictKubernetesParser.name(d).equals(HelmChart.RELEASE)).findFirst().orElseThrow(), "data");
    }

    private static String decode(String base64) {
        return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
    }
}
