package dev.scimgateway.console;

import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.web.server.context.ServerSecurityContextRepository;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Spring Security's view of {@link ConsoleSessions}: the session cookie is looked up once per
 * request (several filters ask), and sign-in writes the session itself, so {@link #save} does nothing.
 */
final class SessionSecurityContexts implements ServerSecurityContextRepository {

    private static final String LOADED = SessionSecurityContexts.class.getName();

    private final ConsoleSessions sessions;

    SessionSecurityContexts(ConsoleSessions sessions) {
        this.sessions = sessions;
    }

    @Override
    public Mono<Void> save(ServerWebExchange exchange, SecurityContext context) {
        return Mono.empty();
    }

    @Override
    public Mono<SecurityContext> load(ServerWebExchange exchange) {
        Mono<SecurityContext> loaded = exchange.getAttribute(LOADED);
        if (loaded == null) {
            loaded = sessions.resume(exchange)
                    .<SecurityContext>map(principal -> new SecurityContextImpl(new ConsoleAuthentication(principal)))
                    .cache();
            exchange.getAttributes().put(LOADED, loaded);
        }
        return loaded;
    }
}
