package dev.scimgateway.console;

import dev.scimgateway.scim.protocol.ScimException;
import dev.scimgateway.tenancy.AdminKeys;
import dev.scimgateway.tenancy.Tenant;
import dev.scimgateway.tenancy.TenantStore;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * The operator's pages: the tenants, creating one, and each tenant's admin keys (issue one, shown
 * once; revoke one after confirming), so that onboarding a tenant needs no curl. The security
 * chain lets only the operator in ({@link ConsoleSecurity}).
 */
final class OperatorPages {

    private final TenantStore tenants;
    private final AdminKeys keys;
    private final ConsolePages pages;
    private final Clock clock;
    private final Revocation revocation;

    OperatorPages(TenantStore tenants, AdminKeys keys, ConsolePages pages, Clock clock) {
        this.tenants = tenants;
        this.keys = keys;
        this.pages = pages;
        this.clock = clock;
        this.revocation = new Revocation(pages, new Revocation.Kind("admin key",
                "Its console sessions end and the admin API refuses it, within a second. This cannot be undone.",
                "keyId", "admin-keys",
                tenantId -> keys.list(tenantId).filter(key -> key.revokedAt() == null)
                        .map(key -> new Revocation.Revocable(key.id(), key.name())),
                keys::revoke, ConsolePaths::adminKeys, ConsolePaths::revokeKey));
    }

    RouterFunction<ServerResponse> routes() {
        return RouterFunctions.route()
                .GET(ConsolePaths.TENANTS, request -> tenantList(request, HttpStatus.OK, null))
                .POST(ConsolePaths.TENANTS, this::createTenant)
                .GET(ConsolePaths.ADMIN_KEYS, request -> keyList(request, HttpStatus.OK, null))
                .POST(ConsolePaths.ADMIN_KEYS, this::issueKey)
                .GET(ConsolePaths.REVOKE_KEY, revocation::confirm)
                .POST(ConsolePaths.REVOKE_KEY, revocation::revoke)
                .build();
    }

    private Mono<ServerResponse> tenantList(ServerRequest request, HttpStatus status, @Nullable String error) {
        return tenants.listTenants()
                .map(tenant -> Map.of("id", tenant.id(), "displayName", tenant.displayName(),
                        "href", ConsolePaths.overview(tenant.id()), "keysHref", ConsolePaths.adminKeys(tenant.id()),
                        "limitsHref", ConsolePaths.limits(tenant.id()), "schemasHref", ConsolePaths.schemas(tenant.id())))
                .collectList()
                .flatMap(list -> pages.render(request, status, "tenants", "Tenants", List.of(),
                        ConsolePages.values("tenants", list, "createAction", ConsolePaths.TENANTS, "error", error)))
                .onErrorResume(failure -> pages.failure(request, failure));
    }

    /** A new tenant opens on its admin keys page: the next step is a key for its admin. */
    private Mono<ServerResponse> createTenant(ServerRequest request) {
        return request.formData()
                .flatMap(form -> Mono.fromCallable(() -> Tenant.requested(ConsolePages.text(form, "id").strip(),
                        ConsolePages.text(form, "displayName"))))
                .flatMap(tenant -> tenants.createTenant(tenant.id(), tenant.displayName()))
                .flatMap(created -> ConsolePages.redirect(ConsolePaths.adminKeys(created.id())))
                .onErrorResume(ScimException.class, e -> e.status() == 400 || e.status() == 409
                        ? tenantList(request, HttpStatus.valueOf(e.status()), e.detail())
                        : pages.failure(request, e));
    }

    private Mono<ServerResponse> keyList(ServerRequest request, HttpStatus status, @Nullable String error) {
        String tenantId = request.pathVariable("tenantId");
        Instant now = clock.instant();
        return keys.list(tenantId)
                .map(key -> Views.KeyRow.of(key, now, ConsolePaths.revokeKey(tenantId, key.id().toString())))
                .collectList()
                .flatMap(rows -> pages.render(request, status, "admin-keys", "Admin keys",
                        Views.tenantNav(tenantId, "admin-keys"), ConsolePages.values(
                                "tenant", tenantId,
                                "keys", rows,
                                "issueAction", ConsolePaths.adminKeys(tenantId),
                                "error", error)))
                .onErrorResume(failure -> pages.failure(request, failure));
    }

    private Mono<ServerResponse> issueKey(ServerRequest request) {
        String tenantId = request.pathVariable("tenantId");
        return request.formData()
                .flatMap(form -> keys.issue(tenantId, ConsolePages.text(form, "name").strip()))
                .flatMap(issued -> pages.render(request, HttpStatus.CREATED, "key-created", "Admin key created",
                        Views.tenantNav(tenantId, "admin-keys"), ConsolePages.values(
                                "tenant", tenantId,
                                "name", issued.key().name(),
                                "key", issued.secret(),
                                "back", ConsolePaths.adminKeys(tenantId))))
                .onErrorResume(ScimException.class, e -> e.status() == 400 || e.status() == 409
                        ? keyList(request, HttpStatus.valueOf(e.status()), e.detail())
                        : pages.failure(request, e));
    }
}
