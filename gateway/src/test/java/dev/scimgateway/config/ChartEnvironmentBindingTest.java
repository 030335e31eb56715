package dev.scimgateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scimgateway.support.RepositoryFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * Every SCIM_GATEWAY_* variable the Helm chart and the k8s/ manifests set changes a setting of the
 * gateway, bound the way Spring binds the real environment. A misspelt variable would otherwise be
 * ignored in silence and the gateway would run on its default.
 */
class ChartEnvironmentBindingTest {

    private static final Pattern VARIABLE = Pattern.compile("\\b(SCIM_GATEWAY_[A-Z0-9_]+)\\b");
    /** Tried in turn until one binds to a value other than the default: the settings' types and defaults vary. */
    private static final List<String> SAMPLE_VALUES = List.of("1234", "7s", "true", "false",
            "r2dbc:postgresql://db:5432/scim");

    @Test
    void everyVariableOfTheChartAndTheManifestsBindsToASetting() throws Exception {
        Path repo = RepositoryFiles.root();
        Set<String> variables = new TreeSet<>();
        for (Path file : List.of(repo.resolve("helm/scim-gateway/templates/configmap.yaml"),
                repo.resolve("helm/scim-gateway/templates/deployment.yaml"), repo.resolve("k8s/base/kustomization.yaml"),
                repo.resolve("k8s/base/deployment.yaml"), repo.resolve("k8s/overlays/prod/kustomization.yaml"))) {
            Matcher m = VARIABLE.matcher(Files.readString(file));
            while (m.find()) {
                variables.add(m.group(1));
            }
        }
        assertThat(variables).contains("SCIM_GATEWAY_DB_URL", "SCIM_GATEWAY_BULK_MAX_PAYLOAD_BYTES",
                "SCIM_GATEWAY_RATE_LIMITS_WRITE_PER_SECOND", "SCIM_GATEWAY_OVERLOAD_REQUEST_TIMEOUT");

        GatewayProperties defaults = bind(Map.of());
        List<String> ignored = new ArrayList<>();
        for (String variable : variables) {
            boolean bound = SAMPLE_VALUES.stream().anyMatch(value -> {
                try {
                    return !bind(Map.of(variable, value)).equals(defaults);
                } catch (RuntimeException conversionFailed) {
                    return false;
                }
            });
            if (!bound) {
                ignored.add(variable);
            }
        }
        assertThat(ignored).as("variables that bind to no setting of GatewayProperties").isEmpty();
    }

    private static GatewayProperties bind(Map<String, Object> environment) {
        var sources = new MutablePropertySources();
        sources.addFirst(new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                environment));
        return new Binder(ConfigurationPropertySources.from(sources))
                .bindOrCreate("scim-gateway", Bindable.of(GatewayProperties.class));
    }
}
