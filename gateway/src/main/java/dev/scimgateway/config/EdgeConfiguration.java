package dev.scimgateway.config;

import static dev.scimgateway.edge.Edge.ADMIN;
import static dev.scimgateway.edge.Edge.CONSOLE;
import static dev.scimgateway.edge.Edge.EVENTS;
import static dev.scimgateway.edge.Edge.EVERY;
import static dev.scimgateway.edge.Edge.SCIM;
import static dev.scimgateway.edge.Edge.TENANT;
import static dev.scimgateway.edge.Edge.step;

import dev.scimgateway.capture.CaptureFilter;
import dev.scimgateway.console.Console;
import dev.scimgateway.edge.Edge;
import dev.scimgateway.edge.EdgeStep;
import dev.scimgateway.edge.RequestIds;
import dev.scimgateway.idempotency.IdempotencyFilter;
import dev.scimgateway.observability.RequestLogFields;
import dev.scimgateway.observability.RequestMetricsFilter;
import dev.scimgateway.observability.UntracedRequests;
import dev.scimgateway.overload.OverloadFilter;
import dev.scimgateway.overload.RequestDeadlineFilter;
import dev.scimgateway.ratelimit.RateLimitFilter;
import dev.scimgateway.scim.web.AcceptHeaderFilter;
import dev.scimgateway.scim.web.HeadAsGetFilter;
import dev.scimgateway.tenancy.AdminAuthenticationFilter;
import dev.scimgateway.tenancy.ScimAuthenticationFilter;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The journey of a request through the edge, top to bottom. This table is the one place that
 * orders the cross-cutting steps; a new rule goes in here, in the row where it belongs.
 *
 * <p>Three refusals come before it, at the Netty level: a target that is no URI
 * ({@code InvalidUriRoute}) and a request Netty cannot decode ({@code DecoderFailureBodies}),
 * because WebFlux never sees those requests; and, once the gateway is stopping, every request but
 * the probes ({@code ShutdownDrain}, wired in OverloadConfiguration), because by then WebFlux may
 * be stopping too. Before the first step, the {@link Edge} gives the request its
 * {@code X-Request-Id} and classifies it on the path the router matches, refusing a path that
 * could be read two ways.
 */
@Configuration(proxyBeanMethods = false)
class EdgeConfiguration {

    @Bean
    Edge edge(GatewayProperties properties, RequestMetricsFilter metrics, OverloadFilter overload,
            RequestDeadlineFilter deadline, AdminAuthenticationFilter adminAuthentication,
            ScimAuthenticationFilter scimAuthentication, @Qualifier("eventsAuthentication") EdgeStep eventsAuthentication,
            ObjectProvider<CaptureFilter> capture,
            RateLimitFilter rateLimit, AcceptHeaderFilter acceptHeader, IdempotencyFilter idempotency,
            HeadAsGetFilter headAsGet, ObjectProvider<Console> console) {
        return new Edge(new RequestIds(properties.trustIncomingRequestIds()), List.of(
                // Reactor restores the Context's observation around every handle(), the driver's once per row; an unobserved request has none.
                step("untraced: no observation to restore", EVERY, UntracedRequests.withoutNoopObservation()),
                // The X-Request-Id goes into every log line written for the request.
                step("log fields: request id", EVERY, RequestLogFields.requestId()),
                // Times and counts every SCIM request, so the refusals below are measured too.
                step("request metrics", SCIM, metrics),
                // 503 at once while every slot is taken or the breaker is open, for the price of parsing.
                step("early overload refusal", SCIM, overload.early()),
                // 503 once the request timeout has passed since arrival, whatever the request waits for below
                // (its Idempotency-Key's claim and stored answer too); streams are exempt.
                step("request deadline", EVERY, deadline),
                // Operator token or tenant admin key; a tenant admin reaches its own tenant only (403 otherwise).
                step("admin authentication", ADMIN, adminAuthentication),
                // Spring Security, for the console only: session, CSRF, security headers, who may open what.
                step("console security", CONSOLE, EdgeStep.orNone(console.getIfAvailable() == null ? null
                        : console.getObject().security())),
                // The tenant comes from the token alone; every later step and handler reads it from the context.
                step("tenant authentication", SCIM, scimAuthentication),
                // The change feed: the same tenant tokens, with the scope 'events' (a receiver, not an IdP).
                step("events authentication", EVENTS, eventsAuthentication),
                step("log fields: tenant and token id", TENANT, RequestLogFields.caller()),
                // Records what the tenants that opted in sent, including what the limits below refuse.
                step("capture", SCIM, EdgeStep.orNone(capture.getIfAvailable())),
                // Per tenant, before idempotency, so that retry storms are limited too.
                step("rate limit", SCIM, rateLimit),
                // A malformed Accept still spends the tenant's budget, and stores no answer.
                step("accept header", SCIM, acceptHeader),
                // Replays a stored answer, or claims the key; before everything that does work.
                step("idempotency", SCIM, idempotency),
                // Bulkhead, breaker and request timeout: inside limits and idempotency, since a 429
                // or a replay costs the database nothing and should not take a slot.
                step("overload protection", SCIM, overload),
                // Last, so every step above saw the method the client sent.
                step("HEAD served as GET", EVERY, headAsGet)));
    }
}
