package dev.scimgateway.config;

import dev.scimgateway.edge.BasePaths;
import dev.scimgateway.observability.LogFields;
import dev.scimgateway.scim.web.DecoderFailureBodies;
import dev.scimgateway.scim.web.ErrorAnswers;
import dev.scimgateway.scim.web.HeadAsGetFilter;
import dev.scimgateway.scim.web.InvalidUriRoute;
import dev.scimgateway.scim.web.JsonBodies;
import dev.scimgateway.scim.web.MethodNotAllowedRoute;
import dev.scimgateway.scim.web.ScimErrorHandler;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.reactor.netty.NettyRouteProvider;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.boot.webflux.autoconfigure.WebHttpHandlerBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;
import tools.jackson.databind.json.JsonMapper;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(GatewayProperties.class)
class WebConfiguration {

    private static final Logger log = LoggerFactory.getLogger(WebConfiguration.class);

    @Bean
    ScimErrorHandler scimErrorHandler(JsonMapper json, ObjectProvider<ErrorAnswers> answers) {
        return new ScimErrorHandler(json, answers.getIfAvailable(() -> ErrorAnswers.NONE));
    }

    /** Rejected before WebFlux: see the classes for why these are not ordinary routes or filters. */
    @Bean
    NettyRouteProvider invalidUriRoute(ScimErrorHandler errors) {
        return new InvalidUriRoute(errors);
    }

    @Bean
    NettyServerCustomizer decoderFailureBodies(ScimErrorHandler errors) {
        return server -> server.doOnChannelInit((observer, channel, remote) -> DecoderFailureBodies.install(channel, errors));
    }

    /** Last, so that only requests no other route serves pay for its matching; any place would be correct. */
    @Bean
    @Order(Ordered.LOWEST_PRECEDENCE)
    RouterFunction<ServerResponse> methodNotAllowedRoute(List<RouterFunction<?>> routes) {
        return MethodNotAllowedRoute.of(routes);
    }

    /** Every request of the service port gets its place for log fields (LogFields.put). */
    @Bean
    WebHttpHandlerBuilderCustomizer logFieldsScope() {
        return builder -> builder.httpHandlerDecorator(LogFields::scope);
    }

    @Bean
    HeadAsGetFilter headAsGetFilter() {
        return new HeadAsGetFilter();
    }

    @Bean
    JsonBodies jsonBodies(JsonMapper json, GatewayProperties properties) {
        return new JsonBodies(json, properties.scim().maxBodyBytes());
    }

    @EventListener
    void announce(ApplicationReadyEvent event) {
        GatewayProperties properties = event.getApplicationContext().getBean(GatewayProperties.class);
        Environment env = event.getApplicationContext().getEnvironment();
        String port = env.getProperty("local.server.port", env.getProperty("server.port", "8080"));
        String origin = properties.publicBaseUrl() != null ? properties.publicBaseUrl() : "http://localhost:" + port;
        log.info("SCIM base URL: {}{} (the tenant comes from its token)", origin, BasePaths.SCIM);
        log.info("Admin API: {}{}; its bearer token is in {}", origin, BasePaths.ADMIN, AdminTokens.whereToFind(properties));
        if (properties.console().enabled()) {
            log.info("Console: {}{}/ (sign in with that admin token, or with a tenant admin key from POST {}/tenants/{id}/admin-keys)",
                    origin, BasePaths.CONSOLE, BasePaths.ADMIN);
        }
        String managementPort = env.getProperty("local.management.port", port);
        String actuator = env.getProperty("management.endpoints.web.base-path", "/actuator");
        log.info("Metrics: http://localhost:{}{}/prometheus (the management port; probes: /livez and /readyz on port {})",
                managementPort, actuator, port);
    }
}
