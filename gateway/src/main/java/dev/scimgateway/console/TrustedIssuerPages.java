package dev.scimgateway.console;

import dev.scimgateway.oauth.TrustRequest;
import dev.scimgateway.oauth.TrustedIssuers;
import dev.scimgateway.scim.protocol.ScimException;
import dev.scimgateway.tenancy.AdminHandler;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * A tenant's trusted issuers (federated JWTs): the list, adding one and removing one. The rules are
 * {@link TrustedIssuers}'s, the same as the admin API's; each trust's last use shows on the SCIM
 * Integration page, where it is listed among the tokens.
 */
final class TrustedIssuerPages {

    private final TrustedIssuers trusts;
    private final ConsolePages pages;

    TrustedIssuerPages(TrustedIssuers trusts, ConsolePages pages) {
        this.trusts = trusts;
        this.pages = pages;
    }

    RouterFunction<ServerResponse> routes() {
        return RouterFunctions.route()
                .GET(ConsolePaths.TRUSTED_ISSUERS, request -> list(request, HttpStatus.OK, null))
                .POST(ConsolePaths.TRUSTED_ISSUERS, this::add)
                .POST(ConsolePaths.REMOVE_TRUSTED_ISSUER, this::remove)
                .build();
    }

    private Mono<ServerResponse> list(ServerRequest request, HttpStatus status, @Nullable String error) {
        String tenantId = request.pathVariable("tenantId");
        return trusts.list(tenantId)
                .map(trust -> Map.of("issuer", trust.issuer(), "audiences", String.join(" ", trust.audiences()),
                        "jwksUri", trust.jwksUri(),
                        "requiredClaims", String.join(", ", trust.requiredClaims().entrySet().stream()
                                .map(claim -> claim.getKey() + ": " + claim.getValue()).toList()),
                        "removeAction", ConsolePaths.removeTrustedIssuer(tenantId, trust.id())))
                .collectList()
                .flatMap(rows -> pages.render(request, status, "trusted-issuers", "Trusted issuers",
                        Views.tenantNav(tenantId, "trusted-issuers"), ConsolePages.values(
                                "tenant", tenantId,
                                "trusts", rows,
                                "addAction", ConsolePaths.trustedIssuers(tenantId),
                                "error", error)))
                .onErrorResume(failure -> pages.failure(request, failure));
    }

    private Mono<ServerResponse> add(ServerRequest request) {
        String tenantId = request.pathVariable("tenantId");
        return request.formData()
                .flatMap(form -> Mono.fromCallable(() -> trustRequest(form)))
                .flatMap(asked -> trusts.add(tenantId, asked))
                .then(ConsolePages.redirect(ConsolePaths.trustedIssuers(tenantId)))
                // Something to change: the list again, saying what.
                .onErrorResume(ScimException.class, e -> e.status() == 400 || e.status() == 409
                        ? list(request, HttpStatus.valueOf(e.status()), e.detail())
                        : pages.failure(request, e));
    }

    private Mono<ServerResponse> remove(ServerRequest request) {
        String tenantId = request.pathVariable("tenantId");
        return Mono.fromCallable(() -> AdminHandler.parseId("Trusted issuer", request.pathVariable("trustId")))
                .flatMap(id -> trusts.remove(tenantId, id))
                .then(ConsolePages.redirect(ConsolePaths.trustedIssuers(tenantId)))
                .onErrorResume(failure -> pages.failure(request, failure));
    }

    /** Audiences separated by spaces or new lines; required claims one {@code name=value} per line. */
    private static TrustRequest trustRequest(MultiValueMap<String, String> form) {
        List<String> audiences = Arrays.stream(ConsolePages.text(form, "audiences").split("\\s+"))
                .filter(audience -> !audience.isEmpty()).toList();
        Map<String, String> claims = new LinkedHashMap<>();
        for (String line : ConsolePages.text(form, "requiredClaims").split("\\R")) {
            if (line.isBlank()) {
                continue;
            }
            int equals = line.indexOf('=');
            if (equals <= 0) {
                throw ScimException.invalidValue("Write each required claim as name=value on a line of its own, such as"
                        + " tid=<directory id>");
            }
            claims.put(line.substring(0, equals).strip(), line.substring(equals + 1).strip());
        }
        return new TrustRequest(ConsolePages.text(form, "issuer"), audiences, ConsolePages.text(form, "jwksUri"), claims);
    }
}
