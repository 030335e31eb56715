package dev.scimgateway.config;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.AutoConfigurationImportFilter;
import org.springframework.boot.autoconfigure.AutoConfigurationMetadata;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * Tracing is on when an OTLP endpoint is configured, and only then (both roles are registered in
 * META-INF/spring.factories).
 *
 * <p>As an environment post-processor it hands {@code scim-gateway.tracing.*} to Spring Boot's
 * properties, or, with no endpoint, turns tracing export off, which also keeps the trace-id column
 * out of plain-text log lines. As an auto-configuration filter it then leaves out every Micrometer
 * Tracing and OpenTelemetry auto-configuration: without them there is no tracer and no tracing
 * observation handler, so a request is served exactly as if tracing were not on the class path.
 * Boot's own switch alone would still start a tracer that makes, and queues, a span per request.
 */
final class TracingSwitch implements EnvironmentPostProcessor, AutoConfigurationImportFilter, EnvironmentAware {

    static final String EXPORT_ENABLED = "management.tracing.export.enabled";
    private static final String BOOT_ENDPOINT = "management.opentelemetry.tracing.export.otlp.endpoint";
    private static final List<String> TRACING_AUTO_CONFIGURATIONS =
            List.of("org.springframework.boot.micrometer.tracing.", "org.springframework.boot.opentelemetry.");

    private Environment environment = new StandardEnvironment();

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        GatewayProperties.Tracing tracing = Binder.get(environment)
                .bindOrCreate("scim-gateway.tracing", Bindable.of(GatewayProperties.Tracing.class));
        Map<String, Object> boot = new HashMap<>();
        if (tracing.otlpEndpoint() != null) {
            boot.put(BOOT_ENDPOINT, tracing.otlpEndpoint().toString());
            boot.put("management.tracing.sampling.probability", tracing.samplingProbability());
        } else if (!environment.containsProperty(BOOT_ENDPOINT)) {
            boot.put(EXPORT_ENABLED, false);
        }
        // Last: anything set explicitly, Boot's own properties included, still wins.
        environment.getPropertySources().addLast(new MapPropertySource("scim-gateway-tracing", boot));
    }

    @Override
    public void setEnvironment(Environment environment) {
        this.environment = environment;
    }

    @Override
    public boolean[] match(String[] autoConfigurationClasses, AutoConfigurationMetadata metadata) {
        boolean tracing = environment.getProperty(EXPORT_ENABLED, Boolean.class, true);
        boolean[] match = new boolean[autoConfigurationClasses.length];
        for (int i = 0; i < match.length; i++) {
            String candidate = autoConfigurationClasses[i];
            match[i] = tracing || candidate == null || TRACING_AUTO_CONFIGURATIONS.stream().noneMatch(candidate::startsWith);
        }
        return match;
    }
}
