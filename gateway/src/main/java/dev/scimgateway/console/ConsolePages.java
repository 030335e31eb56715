package dev.scimgateway.console;

import dev.scimgateway.scim.protocol.ScimException;
import dev.scimgateway.tenancy.AdminPrincipal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.web.server.csrf.CsrfToken;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** Renders console pages: the frame every page shares, the page's own model, and error pages. */
final class ConsolePages {

    private static final MediaType HTML = MediaType.valueOf("text/html;charset=UTF-8");

    private final Templates templates;

    ConsolePages(Templates templates) {
        this.templates = templates;
    }

    /** The signed-in admin, or empty for a visitor. */
    static Mono<AdminPrincipal> principal(ServerRequest request) {
        return request.principal().ofType(ConsoleAuthentication.class).map(ConsoleAuthentication::getPrincipal);
    }

    /** Renders {@code page} with {@code values}, under the frame for the signed-in admin (if any). */
    Mono<ServerResponse> render(ServerRequest request, HttpStatus status, String page, String title, List<Views.NavItem> nav,
            Map<String, ?> values) {
        return principal(request).map(java.util.Optional::of).defaultIfEmpty(java.util.Optional.empty())
                .zipWith(csrf(request.exchange()))
                .map(both -> {
                    boolean operator = both.getT1().map(AdminPrincipal::isOperator).orElse(false);
                    List<Views.NavItem> menu = nav.stream().filter(item -> operator || !item.operatorOnly()).toList();
                    Map<String, Object> model = new HashMap<>(values);
                    model.put("frame", new Views.Frame(title, both.getT1().map(Views::who).orElse(null), menu,
                            both.getT2()));
                    return templates.render(page, model);
                })
                .flatMap(html -> ServerResponse.status(status).contentType(HTML).bodyValue(html));
    }

    /** A 4xx as a page; anything else stays an error for the server's handler. */
    Mono<ServerResponse> failure(ServerRequest request, Throwable error) {
        if (error instanceof ScimException scim && scim.status() >= 400 && scim.status() < 500) {
            return render(request, HttpStatus.valueOf(scim.status()), "error", "Error " + scim.status(), List.of(),
                    Map.of("status", scim.status(), "detail", scim.detail()));
        }
        return Mono.error(error);
    }

    /** Also for the security chain's refusals (CSRF, another tenant), which come before any route. */
    Mono<Void> refusal(ServerWebExchange exchange, HttpStatus status, String detail) {
        Map<String, Object> model = new HashMap<>();
        model.put("status", status.value());
        model.put("detail", detail);
        return csrf(exchange).map(csrf -> {
            model.put("frame", new Views.Frame("Error " + status.value(), null, List.of(), csrf));
            return templates.render("error", model);
        }).flatMap(html -> {
            exchange.getResponse().setStatusCode(status);
            exchange.getResponse().getHeaders().setContentType(HTML);
            return exchange.getResponse().writeWith(Mono.just(exchange.getResponse().bufferFactory()
                    .wrap(html.getBytes(java.nio.charset.StandardCharsets.UTF_8))));
        });
    }

    /** The (masked) CSRF token the security chain made for this request, for the page's forms. */
    private static Mono<Views.Csrf> csrf(ServerWebExchange exchange) {
        Mono<CsrfToken> token = exchange.getAttribute(CsrfToken.class.getName());
        return token == null ? Mono.just(new Views.Csrf("_csrf", ""))
                : token.map(t -> new Views.Csrf(t.getParameterName(), t.getToken()));
    }

    static Mono<ServerResponse> redirect(String path) {
        return ServerResponse.seeOther(java.net.URI.create(path)).build();
    }

    /** A form field, or "" when it was not sent. */
    static String text(org.springframework.util.MultiValueMap<String, String> form, String field) {
        String value = form.getFirst(field);
        return value == null ? "" : value;
    }

    static Map<String, Object> values(Object... pairs) {
        Map<String, Object> values = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            @Nullable Object value = pairs[i + 1];
            if (value != null) {
                values.put((String) pairs[i], value);
            }
        }
        return values;
    }
}
