package dev.scimgateway.config;

import dev.scimgateway.capture.CaptureFilter;
import dev.scimgateway.scim.web.ScimErrorHandler;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.HashSet;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

@Configuration(proxyBeanMethods = false)
class CaptureConfiguration {

    @Bean(destroyMethod = "close")
    @ConditionalOnExpression("'${scim-gateway.capture.tenants:}' != ''")
    CaptureFilter captureFilter(GatewayProperties properties, SigningKey key, ScimErrorHandler errors, JsonMapper json,
            Clock clock, MeterRegistry meters) {
        var capture = properties.capture();
        var dir = capture.dir() != null ? capture.dir() : properties.dataDir().resolve("capture");
        return CaptureFilter.create(new HashSet<>(capture.tenants()), dir, capture.maxFileBytes(), capture.maxFiles(),
                key.derive("scim-gateway capture pseudonyms v1"), errors, json, clock,
                Math.max(properties.scim().maxBodyBytes(), properties.bulk().maxPayloadBytes()), meters);
    }
}
