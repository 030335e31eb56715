package dev.scimgateway.deploy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.cfg.MapperConfig;
import tools.jackson.databind.introspect.Annotated;
import tools.jackson.databind.introspect.JacksonAnnotationIntrospector;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Reads manifests into fabric8's Kubernetes model so that a misspelt or misplaced field fails the
 * test. fabric8 keeps unknown fields in an "additionalProperties" map through {@code @JsonAnySetter};
 * switching that off makes Jackson's FAIL_ON_UNKNOWN_PROPERTIES reach them.
 */
final class StrictKubernetesParser {

    /** prometheus-operator's kinds, parsed into {@link PrometheusOperatorModel} by {@link #parseCustom}. */
    static final List<String> CUSTOM_KINDS = List.of("ServiceMonitor", "PrometheusRule");

    private static final Map<String, Class<? extends HasMetadata>> KINDS = Map.of(
            "v1/ConfigMap", ConfigMap.class,
            "v1/Secret", Secret.class,
            "v1/Service", Service.class,
            "v1/ServiceAccount", ServiceAccount.class,
            "apps/v1/Deployment", Deployment.class,
            "autoscaling/v2/HorizontalPodAutoscaler", HorizontalPodAutoscaler.class,
            "policy/v1/PodDisruptionBudget", PodDisruptionBudget.class,
            "networking.k8s.io/v1/NetworkPolicy", NetworkPolicy.class,
            "networking.k8s.io/v1/Ingress", Ingress.class);

    private static final YAMLMapper YAML = YAMLMapper.builder().build();

    private static final JsonMapper STRICT = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .annotationIntrospector(new JacksonAnnotationIntrospector() {
                @Override
                public Boolean hasAnySetter(MapperConfig<?> config, Annotated a) {
                    return Boolean.FALSE;
                }
            })
            .build();

    private StrictKubernetesParser() {}

    /** Splits a multi-document YAML stream into maps, dropping empty documents. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> documents(String yaml) {
        List<Map<String, Object>> docs = new ArrayList<>();
        try (var it = YAML.readerFor(Map.class).readValues(yaml)) {
            while (it.hasNext()) {
                Object doc = it.next();
                if (doc instanceof Map<?, ?> map && !map.isEmpty()) {
                    docs.add((Map<String, Object>) map);
                }
            }
        }
        return docs;
    }

    static boolean isModelled(Map<String, Object> doc) {
        return KINDS.containsKey(typeKey(doc));
    }

    /** Parses one object as its Kubernetes type; unknown kinds and unknown fields both fail. */
    static HasMetadata parse(Map<String, Object> doc) {
        Class<? extends HasMetadata> type = KINDS.get(typeKey(doc));
        if (type == null) {
            throw new AssertionError("no Kubernetes model for " + typeKey(doc) + "; add it to KINDS");
        }
        try {
            return STRICT.convertValue(doc, type);
        } catch (RuntimeException e) {
            throw new AssertionError(typeKey(doc) + " " + name(doc) + " does not match its schema: " + e.getMessage(), e);
        }
    }

    /**
     * Parses a ServiceMonitor or PrometheusRule as strictly as the built-in kinds (unknown fields
     * fail) and checks what their CRDs require; returns its metadata.
     */
    static io.fabric8.kubernetes.api.model.ObjectMeta parseCustom(Map<String, Object> doc) {
        try {
            return switch (typeKey(doc)) {
                case "monitoring.coreos.com/v1/ServiceMonitor" -> {
                    var monitor = STRICT.convertValue(doc, PrometheusOperatorModel.ServiceMonitor.class);
                    PrometheusOperatorModel.check(monitor);
                    yield monitor.metadata();
                }
                case "monitoring.coreos.com/v1/PrometheusRule" -> {
                    var rule = STRICT.convertValue(doc, PrometheusOperatorModel.PrometheusRule.class);
                    PrometheusOperatorModel.check(rule);
                    yield rule.metadata();
                }
                default -> throw new AssertionError("no prometheus-operator model for " + typeKey(doc));
            };
        } catch (RuntimeException e) {
            throw new AssertionError(typeKey(doc) + " " + name(doc) + " does not match its CRD: " + e.getMessage(), e);
        }
    }

    static <T extends HasMetadata> T parse(Map<String, Object> doc, Class<T> type) {
        return type.cast(parse(doc));
    }

    static String typeKey(Map<String, Object> doc) {
        return doc.get("apiVersion") + "/" + doc.get("kind");
    }

    @SuppressWarnings("unchecked")
    static String name(Map<String, Object> doc) {
        Object metadata = doc.get("metadata");
        return metadata instanceof Map<?, ?> m ? String.valueOf(((Map<String, Object>) m).get("name")) : "?";
    }
}
