package dev.scimgateway.observability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scimgateway.support.GatewayTest;
import io.micrometer.tracing.Tracer;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.sdk.trace.SpanProcessor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * With no OTLP endpoint configured, as here, tracing is off: not a tracer that makes spans nobody
 * exports, but none at all, so a request does exactly the work it would without tracing on the
 * class path. A traceparent is then ignored rather than continued.
 */
class TracingOffTest extends GatewayTest {

    @Autowired
    private ApplicationContext context;

    @Test
    void noTracerNoOpenTelemetryNoSpanProcessor() {
        assertThat(context.getBeanNamesForType(Tracer.class)).isEmpty();
        assertThat(context.getBeanNamesForType(OpenTelemetry.class)).isEmpty();
        assertThat(context.getBeanNamesForType(SpanProcessor.class)).isEmpty();
        assertThat(context.getEnvironment().getProperty("management.tracing.export.enabled")).isEqualTo("false");
    }
}
