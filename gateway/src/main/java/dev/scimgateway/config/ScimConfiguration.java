package dev.scimgateway.config;

import dev.scimgateway.events.ScimEvents;
import dev.scimgateway.groups.GroupKind;
import dev.scimgateway.observability.ProvisioningMetrics;
import dev.scimgateway.resources.ResourceHandler;
import dev.scimgateway.resources.ResourceKinds;
import dev.scimgateway.resources.ResourceService;
import dev.scimgateway.resources.ResourceStore;
import dev.scimgateway.users.UserKind;
import dev.scimgateway.observability.RequestMetricsFilter;
import dev.scimgateway.observability.TenantTags;
import dev.scimgateway.scim.schema.ServiceProviderCapabilities;
import dev.scimgateway.scim.web.ScimErrorHandler;
import dev.scimgateway.scim.web.AcceptHeaderFilter;
import dev.scimgateway.scim.web.CursorCodec;
import dev.scimgateway.scim.web.ScimEndpoints;
import dev.scimgateway.scim.web.DiscoveryHandler;
import dev.scimgateway.scim.web.JsonBodies;
import dev.scimgateway.scim.web.StrictBodies;
import dev.scimgateway.scim.web.ResourceRenderer;
import dev.scimgateway.scim.web.ScimQuery;
import dev.scimgateway.scim.web.ScimResponses;
import dev.scimgateway.search.RootSearchHandler;
import dev.scimgateway.storage.R2dbcStores;
import dev.scimgateway.tenancy.TenantCatalog;
import dev.scimgateway.edge.RequestContext;
import dev.scimgateway.tenancy.TenantSchemas;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.List;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;
import tools.jackson.databind.json.JsonMapper;

@Configuration(proxyBeanMethods = false)
class ScimConfiguration {

    /** A bean of its own so that it is closed on shutdown: its coalesced inserts drain first. */
    @Bean
    ResourceStore userStore(DatabaseClient db, TransactionalOperator tx, JsonMapper json, GatewayProperties properties,
            MeterRegistry meters) {
        return R2dbcStores.users(db, tx, json, properties.writes().coalescing(), meters);
    }

    @Bean
    ResourceStore groupStore(DatabaseClient db, TransactionalOperator tx, JsonMapper json, MeterRegistry meters) {
        return R2dbcStores.groups(db, tx, json, meters);
    }

    @Bean
    ScimResponses scimResponses(JsonMapper json, GatewayProperties properties) {
        return new ScimResponses(json, properties.publicBaseUrl());
    }

    @Bean
    ResourceRenderer resourceRenderer(JsonMapper json) {
        return new ResourceRenderer(json);
    }

    @Bean
    CursorCodec cursorCodec(SigningKey signingKey, Clock clock, GatewayProperties properties) {
        return new CursorCodec(signingKey.derive("scim-gateway cursor v1"), clock, properties.scim().cursorTimeout());
    }

    @Bean
    ScimQuery.Settings scimQuerySettings(GatewayProperties properties, CursorCodec cursors) {
        return new ScimQuery.Settings(properties.scim().defaultCount(), properties.scim().maxCount(), cursors);
    }

    @Bean
    TenantTags tenantTags(GatewayProperties properties) {
        return new TenantTags(properties.metrics().maxTenantTags());
    }

    @Bean
    ProvisioningMetrics provisioningMetrics(MeterRegistry meters, TenantTags tenants) {
        return new ProvisioningMetrics(meters, tenants);
    }

    @Bean
    RequestMetricsFilter requestMetricsFilter(MeterRegistry meters, TenantTags tenants) {
        return new RequestMetricsFilter(meters, tenants, failure -> ScimErrorHandler.translate(failure).status());
    }

    @Bean
    AcceptHeaderFilter acceptHeaderFilter() {
        return new AcceptHeaderFilter();
    }

    /** The resource types served, in the order listings and messages name them. */
    @Bean
    ResourceKinds resourceKinds(@Qualifier("userStore") ResourceStore users, @Qualifier("groupStore") ResourceStore groups) {
        return new ResourceKinds(List.of(new UserKind(users), new GroupKind(groups)));
    }

    @Bean
    ResourceService resourceService(Clock clock, ProvisioningMetrics metrics) {
        return new ResourceService(clock, metrics);
    }

    /** SCIM bodies are read like any other, then rewritten into strict form with the tenant's schemas. */
    @Bean
    ScimEndpoints scimEndpoints(JsonBodies bodies, TenantSchemas catalogs, ResourceRenderer renderer,
            ScimResponses responses, ScimQuery.Settings settings) {
        StrictBodies strict = new StrictBodies(request -> {
            RequestContext context = RequestContext.of(request.exchange());
            return catalogs.of(context.tenant().tenantId()).mapNotNull(catalog -> catalog.ofEndpoint(context.resource()));
        });
        return new ScimEndpoints(bodies.inStrictForm(strict), renderer, responses, settings);
    }

    /**
     * First of the routes: WebFlux tries them in order for every request, and before this the
     * busiest requests (creates, reads and PATCHes of users and groups) were matched against every
     * other route first (2.5 % of the CPU of a create). No other route serves these paths.
     */
    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    RouterFunction<ServerResponse> resourceRoutes(ResourceService resources, ResourceKinds kinds, TenantSchemas catalogs,
            ScimEndpoints endpoints) {
        return new ResourceHandler(resources, kinds, catalogs, endpoints).routes();
    }

    @Bean
    RouterFunction<ServerResponse> rootSearchRoutes(ResourceService resources, ResourceKinds kinds,
            TenantSchemas catalogs, ScimEndpoints endpoints) {
        return new RootSearchHandler(resources, kinds, catalogs, endpoints).routes();
    }

    @Bean
    RouterFunction<ServerResponse> discoveryRoutes(ScimResponses responses, GatewayProperties properties,
            TenantSchemas catalogs) {
        var scim = properties.scim();
        var pagination = new ServiceProviderCapabilities.Pagination(scim.defaultCount(), scim.maxCount(),
                scim.cursorTimeout().toSeconds());
        return new DiscoveryHandler(responses,
                ServiceProviderCapabilities.defaults(scim.maxCount(), properties.bulk().maxOperations(),
                        properties.bulk().maxPayloadBytes(), pagination).withSecurityEvents(ScimEvents.SUPPORTED),
                request -> catalogs.of(RequestContext.tenantOf(request.exchange()).tenantId()).map(TenantCatalog::resourceTypes))
                .routes();
    }
}
