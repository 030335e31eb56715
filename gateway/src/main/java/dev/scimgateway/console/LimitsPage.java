package dev.scimgateway.console;

import dev.scimgateway.ratelimit.Limit;
import dev.scimgateway.ratelimit.RateLimits;
import dev.scimgateway.ratelimit.TenantLimits;
import dev.scimgateway.scim.protocol.ScimException;
import dev.scimgateway.tenancy.AdminPrincipal;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * A tenant's rate limits: the operator sees and sets them; its admins see them, read-only, as on
 * the admin API, where limits are the operator's because they protect the database every tenant
 * shares. The security chain refuses a tenant admin's POST ({@link ConsoleSecurity}).
 */
final class LimitsPage {

    private final RateLimits limits;
    private final ConsolePages pages;

    LimitsPage(RateLimits limits, ConsolePages pages) {
        this.limits = limits;
        this.pages = pages;
    }

    RouterFunction<ServerResponse> routes() {
        return RouterFunctions.route()
                .GET(ConsolePaths.LIMITS, request -> page(request, HttpStatus.OK, null, null))
                .POST(ConsolePaths.LIMITS, this::set)
                .build();
    }

    private Mono<ServerResponse> page(ServerRequest request, HttpStatus status, @Nullable String error,
            @Nullable String notice) {
        String tenantId = request.pathVariable("tenantId");
        return Mono.zip(limits.inForce(tenantId), ConsolePages.principal(request).map(AdminPrincipal::isOperator)
                        .defaultIfEmpty(false))
                .flatMap(both -> {
                    TenantLimits inForce = both.getT1().limits();
                    return pages.render(request, status, "limits", "Rate limits", Views.tenantNav(tenantId, "limits"),
                            ConsolePages.values(
                                    "tenant", tenantId,
                                    "own", both.getT1().own(),
                                    "editable", both.getT2(),
                                    "read", fields(inForce.read()),
                                    "write", fields(inForce.write()),
                                    "action", ConsolePaths.limits(tenantId),
                                    "error", error,
                                    "notice", notice));
                })
                .onErrorResume(failure -> pages.failure(request, failure));
    }

    private Mono<ServerResponse> set(ServerRequest request) {
        String tenantId = request.pathVariable("tenantId");
        return request.formData()
                .flatMap(form -> Mono.fromCallable(() -> new TenantLimits(limit(form, "read"), limit(form, "write"))))
                .flatMap(wanted -> limits.set(tenantId, wanted))
                .then(Mono.defer(() -> page(request, HttpStatus.OK, null,
                        "Saved. The limits apply at once on this replica, within seconds on the others.")))
                .onErrorResume(ScimException.class, e -> e.status() == 400
                        ? page(request, HttpStatus.BAD_REQUEST, e.detail(), null)
                        : pages.failure(request, e));
    }

    /** A number as the form shows it: 50, not 50.0. */
    public record LimitFields(String perSecond, String burst) {}

    private static LimitFields fields(Limit limit) {
        return new LimitFields(TenantFigures.number(limit.perSecond()), TenantFigures.number(limit.burst()));
    }

    private static Limit limit(MultiValueMap<String, String> form, String kind) {
        return RateLimits.limit(kind, number(form, kind, "PerSecond"), number(form, kind, "Burst"));
    }

    private static double number(MultiValueMap<String, String> form, String kind, String field) {
        String text = ConsolePages.text(form, kind + field).strip();
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw ScimException.invalidValue("The " + kind + " limit's " + (field.equals("Burst") ? "burst" : "rate a second")
                    + " must be a number, not '" + text + "'");
        }
    }
}
