package dev.scimgateway.deploy;

import static dev.scimgateway.deploy.HelmChart.render;
import static dev.scimgateway.deploy.Objects.all;
import static dev.scimgateway.deploy.Objects.at;
import static dev.scimgateway.deploy.Objects.one;
import static dev.scimgateway.deploy.StrictKubernetesParser.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Metrics name tenants, so they are served on a management port of their own: the ServiceMonitor
 * reaches it through a ClusterIP Service of its own, the gateway's Service and Ingresses never
 * forward to it, and the NetworkPolicy opens it to the peers named for it.
 */
class ManagementPortTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"prod", "k8s/overlays/prod"})
    void serviceMonitorScrapesTheManagementPortThroughItsOwnService(String source) {
        var docs = source.startsWith("k8s/")
                ? KustomizeLite.build(HelmChart.REPO.resolve(source)) : render(source);
        Container gateway = HelmChartTest.gatewayContainer(docs);
        var monitor = one(docs, "ServiceMonitor");
        Map<String, String> selector = at(monitor, "spec", "selector", "matchLabels");
        List<Service> selected = all(docs, "Service").stream().map(d -> parse(d, Service.class))
                .filter(s -> s.getMetadata().getLabels().entrySet().containsAll(selector.entrySet())).toList();
        assertThat(selected).extracting(s -> s.getMetadata().getName()).containsExactly("scim-gateway-management");
        Service management = selected.get(0);
        assertThat(management.getSpec().getType()).isEqualTo("ClusterIP");

        String portName = at(monitor, "spec", "endpoints", "0", "port");
        ServicePort servicePort = management.getSpec().getPorts().stream()
                .filter(p -> p.getName().equals(portName)).findFirst().orElseThrow();
        ContainerPort containerPort = gateway.getPorts().stream()
                .filter(p -> p.getName().equals(servicePort.getTargetPort().getStrVal())).findFirst().orElseThrow();
        assertThat(String.valueOf(containerPort.getContainerPort())).isEqualTo(environment(docs).get("MANAGEMENT_SERVER_PORT"));
        assertThat((String) at(monitor, "spec", "endpoints", "0", "path")).isEqualTo("/actuator/prometheus");
        // The job stays the gateway's name, which the alerts and the dashboard select on.
        Map<String, Object> relabel = at(monitor, "spec", "endpoints", "0", "relabelings", "0");
        assertThat(relabel).containsEntry("targetLabel", "job").containsEntry("replacement", "scim-gateway");
    }

    @ParameterizedTest(name = "ci/{0}-values.yaml")
    @ValueSource(strings = {"default", "prod"})
    void theGatewaysServiceForwardsOnlyToTheServicePort(String ciCase) {
        var docs = render(ciCase);
        Service service = service(docs, "scim-gateway");
        assertThat(service.getSpec().getPorts()).singleElement()
                .satisfies(p -> assertThat(p.getTargetPort().getStrVal()).isEqualTo("http"));
        Container gateway = HelmChartTest.gatewayContainer(docs);
        assertThat(gateway.getPorts()).extracting(ContainerPort::getName).containsExactlyInAnyOrder("http", "management");
        assertThat(environment(docs).get("SERVER_PORT")).isEqualTo(String.valueOf(port(gateway, "http")));
        assertThat(port(gateway, "management")).isNotEqualTo(port(gateway, "http"));
    }

    /** A LoadBalancer in front of the gateway must not put its metrics on the internet. */
    @Test
    void theManagementServiceStaysInsideTheClusterWhateverTheServiceType() {
        var docs = render(HelmChart.ciValues("default"), Map.of("service.type", "LoadBalancer"));
        assertThat(service(docs, "scim-gateway").getSpec().getType()).isEqualTo("LoadBalancer");
        assertThat(service(docs, "scim-gateway-management").getSpec().getType()).isEqualTo("ClusterIP");
    }

    @Test
    void networkPolicyOpensEachPortToItsOwnPeers() {
        NetworkPolicy policy = parse(one(render("prod"), "NetworkPolicy"), NetworkPolicy.class);
        List<NetworkPolicyIngressRule> rules = policy.getSpec().getIngress();
        assertThat(rules).hasSize(2);
        assertThat(rule(rules, "http").getFrom()).extracting(p -> p.getNamespaceSelector().getMatchLabels()
                .get("kubernetes.io/metadata.name")).containsExactly("ingress-nginx");
        assertThat(rule(rules, "management").getFrom()).extracting(p -> p.getNamespaceSelector().getMatchLabels()
                .get("kubernetes.io/metadata.name")).containsExactly("monitoring");
    }

    @Test
    void aManagementPortEqualToTheServicePortIsRefused() {
        assertThatThrownBy(() -> HelmChart.template(HelmChart.ciValues("default"), Map.of("managementPort", 8080)))
                .hasMessageContaining("managementPort equals containerPort");
    }

    private static NetworkPolicyIngressRule rule(List<NetworkPolicyIngressRule> rules, String port) {
        return rules.stream().filter(r -> r.getPorts().stream().anyMatch(p -> port.equals(p.getPort().getStrVal())))
                .findFirst().orElseThrow(() -> new AssertionError("no ingress rule for port " + port));
    }

    private static Service service(List<Map<String, Object>> docs, String name) {
        return all(docs, "Service").stream().map(d -> parse(d, Service.class))
                .filter(s -> s.getMetadata().getName().equals(name)).findFirst().orElseThrow();
    }

    private static int port(Container container, String name) {
        return container.getPorts().stream().filter(p -> p.getName().equals(name)).findFirst().orElseThrow()
                .getContainerPort();
    }

    /** The gateway's ConfigMap, whatever suffix kustomize gave its name. */
    private static Map<String, String> environment(List<Map<String, Object>> docs) {
        return at(all(docs, "ConfigMap").stream()
                .filter(d -> StrictKubernetesParser.name(d).startsWith("scim-gateway")
                        && !StrictKubernetesParser.name(d).endsWith("-dashboard"))
                .findFirst().orElseThrow(), "data");
    }
}
