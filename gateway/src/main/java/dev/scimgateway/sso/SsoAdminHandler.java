package dev.scimgateway.sso;

import dev.scimgateway.edge.BasePaths;
import dev.scimgateway.scim.protocol.ScimException;
import dev.scimgateway.scim.web.JsonBodies;
import dev.scimgateway.tenancy.AdminHandler;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The admin API of a tenant's console single sign-on: {@code PUT} sets it (the client secret may be
 * left out to keep the stored one), {@code GET} shows it without the secret but with the redirect
 * URI to register at the provider, {@code DELETE} ends it and the sessions it started.
 */
public final class SsoAdminHandler {

    private static final String OIDC = BasePaths.ADMIN + "/tenants/{tenantId}/oidc";

    private final TenantSso sso;
    private final SsoPaths paths;
    private final JsonBodies bodies;
    private final JsonMapper json;

    public SsoAdminHandler(TenantSso sso, SsoPaths paths, JsonBodies bodies, JsonMapper json) {
        this.sso = sso;
        this.paths = paths;
        this.bodies = bodies;
        this.json = json;
    }

    public RouterFunction<ServerResponse> routes() {
        return RouterFunctions.route()
                .PUT(OIDC, this::put)
                .GET(OIDC, this::get)
                .DELETE(OIDC, this::delete)
                .build();
    }

    private Mono<ServerResponse> put(ServerRequest request) {
        String tenantId = request.pathVariable("tenantId");
        return bodies.readObject(request)
                .flatMap(body -> Mono.fromCallable(() -> change(body)))
                .flatMap(change -> sso.configure(tenantId, change))
                .flatMap(settings -> ok(request, settings));
    }

    private Mono<ServerResponse> get(ServerRequest request) {
        String tenantId = request.pathVariable("tenantId");
        return sso.settings(tenantId)
                .switchIfEmpty(Mono.error(() -> ScimException.notFound("Tenant '" + tenantId
                        + "' has no single sign-on set up")))
                .flatMap(settings -> ok(request, settings));
    }

    private Mono<ServerResponse> delete(ServerRequest request) {
        return sso.remove(request.pathVariable("tenantId")).then(ServerResponse.noContent().build());
    }

    private static SsoChange change(JsonNode body) {
        return new SsoChange(AdminHandler.requiredText(body, "issuer"), AdminHandler.requiredText(body, "clientId"),
                AdminHandler.optionalText(body, "clientSecret"), AdminHandler.optionalText(body, "displayName"),
                AdminHandler.stringList(body, "allowedDomains"), AdminHandler.stringList(body, "allowedEmails"),
                AdminHandler.optionalText(body, "groupsClaim"), AdminHandler.stringList(body, "allowedGroups"));
    }

    private Mono<ServerResponse> ok(ServerRequest request, SsoSettings settings) {
        ObjectNode out = json.createObjectNode();
        out.put("issuer", settings.issuer());
        out.put("clientId", settings.clientId());
        // The secret is never shown again; that one is stored is all an admin needs to know.
        out.put("clientSecretSet", true);
        out.put("displayName", settings.displayName());
        strings(out, "allowedDomains", settings.allowed().domains());
        strings(out, "allowedEmails", settings.allowed().emails());
        out.put("groupsClaim", settings.allowed().groupsClaim());
        strings(out, "allowedGroups", settings.allowed().groups());
        out.put("redirectUri", paths.redirectUri(request, settings.tenantId()));
        out.put("signInUrl", paths.signInUrl(request, settings.tenantId()));
        out.put("updatedAt", settings.updatedAt().toString());
        return ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).bodyValue(out);
    }

    private static void strings(ObjectNode out, String field, List<String> values) {
        values.forEach(out.putArray(field)::add);
    }
}
