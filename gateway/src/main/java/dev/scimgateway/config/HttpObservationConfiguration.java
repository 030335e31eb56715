package dev.scimgateway.config;

import dev.scimgateway.edge.BasePaths;
import io.micrometer.observation.ObservationPredicate;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;

/**
 * While tracing is off, a SCIM request is timed once, by the gateway's own {@code scim.requests}
 * (RequestMetricsFilter: resource, method, outcome, status class, with a histogram), and not a
 * second time by Spring's {@code http.server.requests} observation, which cost 4 % of the CPU of a
 * {@code POST /Users} (starting and stopping it, and its tags). Other requests (the admin API, the
 * console, the probes) keep Spring's timing. With tracing on, the observation is the request's
 * span, so it stays for every request.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = TracingSwitch.EXPORT_ENABLED, havingValue = "false")
class HttpObservationConfiguration {

    private static final String SCIM_PREFIX = BasePaths.SCIM + "/";

    @Bean
    ObservationPredicate scimRequestsTimedOnce() {
        return (name, context) -> !(context instanceof ServerRequestObservationContext server
                && server.getCarrier().getPath().value().startsWith(SCIM_PREFIX));
    }
}
