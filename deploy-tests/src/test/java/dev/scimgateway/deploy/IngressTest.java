package dev.scimgateway.deploy;

import static dev.scimgateway.deploy.HelmChart.render;
import static dev.scimgateway.deploy.Objects.all;
import static dev.scimgateway.deploy.Objects.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * What the Ingresses let through: SCIM only (the admin API only when asked for, /actuator never),
 * request bodies as large as the gateway accepts, and NDJSON bulk streams without a size limit,
 * buffering or a short timeout.
 */
class IngressTest {

    private static final String BODY_SIZE = "nginx.ingress.kubernetes.io/proxy-body-size";

    static Stream<String> ciCases() {
        return HelmChart.ciCases().stream();
    }

    @ParameterizedTest(name = "ci/{0}-values.yaml")
    @MethodSource("ciCases")
    void onlyScimIsRoutedUnlessTheAdminIngressIsAskedFor(String ciCase) {
        for (Ingress ingress : ingresses(render(ciCase))) {
            for (String path : paths(ingress)) {
                assertThat(path).as("%s routes %s", ingress.getMetadata().getName(), path)
                        .startsWith("/scim").doesNotStartWith("/actuator");
            }
        }
    }

    @Test
    void prodRoutesScimAndGivesBulkItsOwnIngress() {
        var docs = render("prod");
        List<Ingress> ingresses = ingresses(docs);
        assertThat(ingresses).extracting(i -> i.getMetadata().getName())
                .containsExactlyInAnyOrder("scim-gateway", "scim-gateway-bulk");
        Ingress scim = named(ingresses, "scim-gateway");
        assertThat(paths(scim)).containsExactly("/scim");
        long maxBody = Long.parseLong(config(docs).get("SCIM_GATEWAY_SCIM_MAX_BODY_BYTES"));
        assertThat(bytes(scim.getMetadata().getAnnotations().get(BODY_SIZE)))
                .as("the gateway, not the proxy, answers an oversized SCIM request").isGreaterThan(maxBody);

        Ingress bulk = named(ingresses, "scim-gateway-bulk");
        assertThat(paths(bulk)).containsExactly("/scim/v2/Bulk");
        assertThat(bulk.getSpec().getTls()).isEqualTo(scim.getSpec().getTls());
        assertThat(bulk.getSpec().getIngressClassName()).isEqualTo("nginx");
        Map<String, String> annotations = bulk.getMetadata().getAnnotations();
        assertThat(annotations)
                // NDJSON streams have no size; the gateway bounds a BulkRequest itself.
                .containsEntry(BODY_SIZE, "0")
                .containsEntry("nginx.ingress.kubernetes.io/proxy-request-buffering", "off")
                .containsEntry("nginx.ingress.kubernetes.io/proxy-buffering", "off");
        long maxBulk = Long.parseLong(config(docs).get("SCIM_GATEWAY_BULK_MAX_PAYLOAD_BYTES"));
        assertThat(maxBulk).as("a BulkRequest may be larger than other SCIM requests").isGreaterThan(maxBody);
        assertThat(Long.parseLong(annotations.get("nginx.ingress.kubernetes.io/proxy-read-timeout"))).isGreaterThanOrEqualTo(3600);
        assertThat(Long.parseLong(annotations.get("nginx.ingress.kubernetes.io/proxy-send-timeout"))).isGreaterThanOrEqualTo(3600);
    }

    @Test
    void adminApiIsRoutedOnlyByItsOptInIngress() {
        Path prod = HelmChart.ciValues("prod");
        assertThat(ingresses(render(prod, Map.of())).stream().flatMap(i -> paths(i).stream())).noneMatch(p -> p.startsWith("/admin"));

        List<Ingress> ingresses = ingresses(render(prod, Map.of("ingress.admin.enabled", true,
                "ingress.admin.className", "nginx-internal",
                "ingress.admin.annotations.nginx\\.ingress\\.kubernetes\\.io/whitelist-source-range", "10.0.0.0/8")));
        Ingress admin = named(ingresses, "scim-gateway-admin");
        assertThat(paths(admin)).containsExactly("/admin");
        assertThat(admin.getSpec().getIngressClassName()).isEqualTo("nginx-internal");
        assertThat(admin.getMetadata().getAnnotations())
                .containsEntry("nginx.ingress.kubernetes.io/whitelist-source-range", "10.0.0.0/8");
        assertThat(ingresses.stream().filter(i -> i != admin).flatMap(i -> paths(i).stream())).noneMatch(p -> p.startsWith("/admin"));
    }

    @Test
    void consoleIsRoutedOnlyByItsOptInIngress() {
        Path prod = HelmChart.ciValues("prod");
        List<Map<String, Object>> plain = render(prod, Map.of());
        assertThat(ingresses(plain).stream().flatMap(i -> paths(i).stream())).noneMatch(p -> p.startsWith("/console"));
        assertThat(config(plain)).containsEntry("SCIM_GATEWAY_CONSOLE_ENABLED", "true")
                .containsEntry("SCIM_GATEWAY_CONSOLE_IDLE_TIMEOUT", "30m")
                .containsEntry("SCIM_GATEWAY_CONSOLE_ABSOLUTE_TIMEOUT", "8h");

        List<Ingress> ingresses = ingresses(render(prod, Map.of("ingress.console.enabled", true,
                "ingress.console.annotations.nginx\\.ingress\\.kubernetes\\.io/whitelist-source-range", "10.0.0.0/8")));
        Ingress console = named(ingresses, "scim-gateway-console");
        assertThat(paths(console)).containsExactly("/console");
        assertThat(console.getMetadata().getAnnotations())
                .containsEntry("nginx.ingress.kubernetes.io/whitelist-source-range", "10.0.0.0/8");
        assertThat(ingresses.stream().filter(i -> i != console).flatMap(i -> paths(i).stream()))
                .noneMatch(p -> p.startsWith("/console"));
        assertThat(ingresses.stream().flatMap(i -> paths(i).stream())).noneMatch(p -> p.startsWith("/admin"));
    }

    @Test
    void theAuthorizationServerIsRoutedOnlyByItsOptInIngress() {
        Path prod = HelmChart.ciValues("prod");
        List<Map<String, Object>> plain = render(prod, Map.of());
        assertThat(ingresses(plain).stream().flatMap(i -> paths(i).stream()))
                .noneMatch(p -> p.startsWith("/oauth2") || p.startsWith("/.well-known"));
        assertThat(config(plain)).containsEntry("SCIM_GATEWAY_OAUTH_ACCESS_TOKEN_LIFETIME", "1h")
                .containsEntry("SCIM_GATEWAY_OAUTH_CODE_LIFETIME", "1m");
        assertThat(config(render(prod, Map.of("gateway.oauth.accessTokenLifetime", "15m"))))
                .containsEntry("SCIM_GATEWAY_OAUTH_ACCESS_TOKEN_LIFETIME", "15m");
        assertThat(config(plain)).containsEntry("SCIM_GATEWAY_FEDERATION_KEYS_CACHE_TTL", "5m")
                .containsEntry("SCIM_GATEWAY_FEDERATION_KEYS_MIN_REFRESH_INTERVAL", "30s")
                .containsEntry("SCIM_GATEWAY_FEDERATION_KEYS_OUTAGE_TOLERANCE", "12h")
                .containsEntry("SCIM_GATEWAY_FEDERATION_KEYS_FETCH_TIMEOUT", "5s");

        List<Ingress> ingresses = ingresses(render(prod, Map.of("ingress.oauth.enabled", true)));
        Ingress oauth = named(ingresses, "scim-gateway-oauth");
        assertThat(paths(oauth)).containsExactly("/oauth2", "/.well-known/oauth-authorization-server");
        assertThat(ingresses.stream().filter(i -> i != oauth).flatMap(i -> paths(i).stream()))
                .noneMatch(p -> p.startsWith("/oauth2"));
        assertThat(ingresses.stream().flatMap(i -> paths(i).stream())).noneMatch(p -> p.startsWith("/admin"));
        assertThatThrownBy(() -> HelmChart.template(prod, Map.of("gateway.oauth.accessTokenLifetime", "30s")))
                .hasMessageContaining("accessTokenLifetime");
    }

    @Test
    void consoleIngressNeedsTheConsoleSwitchedOn() {
        assertThatThrownBy(() -> HelmChart.template(HelmChart.ciValues("prod"),
                Map.of("ingress.console.enabled", true, "gateway.console.enabled", false)))
                .hasMessageContaining("gateway.console.enabled");
    }

    @Test
    void bulkCanGoThroughTheMainIngressWhenItsOwnIsOff() {
        var ingresses = ingresses(render(HelmChart.ciValues("prod"), Map.of("ingress.bulk.enabled", false)));
        assertThat(ingresses).extracting(i -> i.getMetadata().getName()).containsExactly("scim-gateway");
    }

    static List<Ingress> ingresses(List<Map<String, Object>> docs) {
        return all(docs, "Ingress").stream().map(d -> StrictKubernetesParser.parse(d, Ingress.class)).toList();
    }

    static List<String> paths(Ingress ingress) {
        return ingress.getSpec().getRules().stream().flatMap(r -> r.getHttp().getPaths().stream())
                .map(HTTPIngressPath::getPath).toList();
    }

    private static Ingress named(List<Ingress> ingresses, String name) {
        return ingresses.stream().filter(i -> i.getMetadata().getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no Ingress " + name));
    }

    static Map<String, String> config(List<Map<String, Object>> docs) {
        return at(all(docs, "ConfigMap").stream()
                .filter(d -> StrictKubernetesParser.name(d).equals(HelmChart.RELEASE)).findFirst().orElseThrow(), "data");
    }

    /** nginx sizes: a number with an optional k or m suffix. */
    static long bytes(String size) {
        String s = size.trim().toLowerCase();
        long unit = s.endsWith("k") ? 1024 : s.endsWith("m") ? 1024 * 1024 : s.endsWith("g") ? 1024L * 1024 * 1024 : 1;
        return Long.parseLong(unit == 1 ? s : s.substring(0, s.length() - 1)) * unit;
    }
}
