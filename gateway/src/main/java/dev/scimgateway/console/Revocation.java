package dev.scimgateway.console;

import dev.scimgateway.scim.protocol.ScimException;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Revoking something of a tenant (a token, an admin key) the way the console always does it: a
 * page that names it and says what revoking does, then the revoke and back to the list. Only an
 * active one of the tenant in the path is found; any other id, another tenant's included, is 404.
 */
final class Revocation {

    /** One revocable thing, as the confirmation names it. */
    record Revocable(UUID id, String name) {}

    /** What differs between the things revoked. */
    record Kind(String what, String consequence, String idVariable, String nav,
            Function<String, Flux<Revocable>> active, BiFunction<String, UUID, Mono<Void>> revoke,
            Function<String, String> list, BiFunction<String, String, String> action) {}

    private final ConsolePages pages;
    private final Kind kind;

    Revocation(ConsolePages pages, Kind kind) {
        this.pages = pages;
        this.kind = kind;
    }

    Mono<ServerResponse> confirm(ServerRequest request) {
        String tenantId = request.pathVariable("tenantId");
        return target(request)
                .flatMap(found -> pages.render(request, HttpStatus.OK, "revoke", "Revoke " + kind.what(),
                        Views.tenantNav(tenantId, kind.nav()), ConsolePages.values(
                                "what", kind.what(),
                                "name", found.name(),
                                "consequence", kind.consequence(),
                                "action", kind.action().apply(tenantId, found.id().toString()),
                                "back", kind.list().apply(tenantId))))
                .onErrorResume(error -> pages.failure(request, error));
    }

    Mono<ServerResponse> revoke(ServerRequest request) {
        String tenantId = request.pathVariable("tenantId");
        return target(request)
                .flatMap(found -> kind.revoke().apply(tenantId, found.id()))
                .then(ConsolePages.redirect(kind.list().apply(tenantId)))
                .onErrorResume(error -> pages.failure(request, error));
    }

    private Mono<Revocable> target(ServerRequest request) {
        String tenantId = request.pathVariable("tenantId");
        String raw = request.pathVariable(kind.idVariable());
        return kind.active().apply(tenantId)
                .filter(found -> found.id().toString().equals(raw))
                .next()
                .switchIfEmpty(Mono.error(() -> ScimException.notFound("Tenant '" + tenantId + "' has no active "
                        + kind.what() + " " + raw)));
    }
}
