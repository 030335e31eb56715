package dev.scimgateway.config;

import dev.scimgateway.observability.ManagementPortFilter;
import org.springframework.boot.actuate.autoconfigure.endpoint.web.WebEndpointProperties;
import org.springframework.boot.actuate.autoconfigure.web.ManagementContextConfiguration;
import org.springframework.boot.actuate.autoconfigure.web.ManagementContextType;
import org.springframework.context.annotation.Bean;

/**
 * Beans of the management server's own context (the child context Spring Boot starts for
 * management.server.port), listed in
 * META-INF/spring/org.springframework.boot.actuate.autoconfigure.web.ManagementContextConfiguration.imports.
 * What is defined here is invisible to the application's context, so it costs the service port nothing.
 */
@ManagementContextConfiguration(value = ManagementContextType.CHILD, proxyBeanMethods = false)
class ManagementPortConfiguration {

    @Bean
    ManagementPortFilter managementPortFilter(WebEndpointProperties endpoints) {
        return new ManagementPortFilter(endpoints.getBasePath());
    }
}
