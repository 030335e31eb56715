package dev.scimgateway.console;

import dev.scimgateway.crypto.RandomSecrets;
import dev.scimgateway.edge.BasePaths;
import dev.scimgateway.edge.EdgeStep;
import dev.scimgateway.oauth.OAuthPaths;
import dev.scimgateway.sso.SsoPaths;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.server.DefaultServerRedirectStrategy;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.WebFilterChainProxy;
import org.springframework.security.web.server.authentication.RedirectServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authorization.AuthorizationContext;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.security.web.server.csrf.CookieServerCsrfTokenRepository;
import org.springframework.security.web.server.csrf.XorServerCsrfTokenRequestAttributeHandler;
import org.springframework.security.web.server.header.ReferrerPolicyServerHttpHeadersWriter.ReferrerPolicy;
import org.springframework.security.web.server.header.XFrameOptionsServerHttpHeadersWriter;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Spring Security for the console, and only for it: sessions from {@link ConsoleSessions}, CSRF
 * tokens on every state-changing request, security headers, and who may open what. It is one step
 * of the edge, for the console endpoint, so SCIM requests never pass it; it is not a WebFilter
 * bean, so Spring cannot put it in front of everything.
 */
public final class ConsoleSecurity implements EdgeStep {

    /** Scripts and styles from this origin only (no inline script), no framing, forms to this origin only. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self';"
            + " img-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    private final WebFilterChainProxy chain;

    ConsoleSecurity(ConsoleSessions sessions, ConsolePages pages, RandomSecrets random, boolean httpsOrigin) {
        this.chain = new WebFilterChainProxy(chain(sessions, pages, random, httpsOrigin));
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain next) {
        return chain.filter(exchange, next);
    }

    private static SecurityWebFilterChain chain(ConsoleSessions sessions, ConsolePages pages, RandomSecrets random,
            boolean httpsOrigin) {
        ServerAccessDeniedHandler denied = (exchange, refusal) -> pages.refusal(exchange, HttpStatus.FORBIDDEN,
                "You may not do that here. Pages of a tenant are open to its own admins and the operator only.");
        ServerAccessDeniedHandler csrfRefused = (exchange, refusal) -> pages.refusal(exchange, HttpStatus.FORBIDDEN,
                "This form did not come from a console page you opened (its CSRF token is missing or wrong)."
                        + " Open the page again and resend it.");
        XorServerCsrfTokenRequestAttributeHandler masking = new XorServerCsrfTokenRequestAttributeHandler();
        masking.setSecureRandom(random.generator());
        return ServerHttpSecurity.http()
                .securityMatcher(ServerWebExchangeMatchers.pathMatchers(BasePaths.CONSOLE, BasePaths.CONSOLE + "/**"))
                .securityContextRepository(new SessionSecurityContexts(sessions))
                .authorizeExchange(rules -> rules
                        .pathMatchers(HttpMethod.GET, BasePaths.CONSOLE, ConsolePaths.HOME, ConsolePaths.ASSETS + "/**")
                        .permitAll()
                        .pathMatchers(HttpMethod.POST, ConsolePaths.SIGN_IN).permitAll()
                        // Single sign-on: its start and the provider's answer come before there is a session.
                        .pathMatchers(HttpMethod.GET, SsoPaths.START, SsoPaths.CALLBACK).permitAll()
                        // A visitor is sent on to sign in and back; the answer (a POST) needs a session.
                        .pathMatchers(HttpMethod.GET, OAuthPaths.AUTHORIZE).permitAll()
                        // Admin keys are the operator's to issue: a tenant admin does not mint more of them.
                        .pathMatchers(ConsolePaths.ADMIN_KEYS, ConsolePaths.ADMIN_KEYS + "/**")
                        .hasAuthority(ConsoleAuthentication.OPERATOR)
                        // Limits protect the database every tenant shares: its admins read them, the operator sets them.
                        .pathMatchers(HttpMethod.POST, ConsolePaths.LIMITS).hasAuthority(ConsoleAuthentication.OPERATOR)
                        .pathMatchers(ConsolePaths.TENANT, ConsolePaths.TENANT + "/**").access(ConsoleSecurity::ownTenant)
                        .pathMatchers(ConsolePaths.TENANTS).hasAuthority(ConsoleAuthentication.OPERATOR)
                        // Deny by default: a page added later needs a session at least.
                        .anyExchange().authenticated())
                .csrf(csrf -> csrf
                        .csrfTokenRepository(csrfTokens(httpsOrigin))
                        .csrfTokenRequestHandler(masking)
                        .accessDeniedHandler(csrfRefused))
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                        .frameOptions(frames -> frames.mode(XFrameOptionsServerHttpHeadersWriter.Mode.DENY))
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.SAME_ORIGIN)))
                .exceptionHandling(errors -> errors
                        .authenticationEntryPoint(toSignIn())
                        .accessDeniedHandler(denied))
                .requestCache(cache -> cache.requestCache(NoOpServerRequestCache.getInstance()))
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .build();
    }

    /** Double-submit cookie: like the session, shared by every replica without server state. */
    private static CookieServerCsrfTokenRepository csrfTokens(boolean httpsOrigin) {
        CookieServerCsrfTokenRepository tokens = new CookieServerCsrfTokenRepository();
        tokens.setCookieName("scim_console_csrf");
        tokens.setCookiePath(BasePaths.CONSOLE);
        tokens.setCookieCustomizer(cookie -> {
            cookie.sameSite("Strict");
            // Secure over https anyway; also behind a proxy that ends TLS, as the public base URL tells.
            if (httpsOrigin) {
                cookie.secure(true);
            }
        });
        return tokens;
    }

    /** 303 to the sign-in page: the browser follows with a GET, whatever the method was. */
    private static RedirectServerAuthenticationEntryPoint toSignIn() {
        DefaultServerRedirectStrategy seeOther = new DefaultServerRedirectStrategy();
        seeOther.setHttpStatus(HttpStatus.SEE_OTHER);
        RedirectServerAuthenticationEntryPoint entryPoint = new RedirectServerAuthenticationEntryPoint(ConsolePaths.HOME);
        entryPoint.setRedirectStrategy(seeOther);
        return entryPoint;
    }

    /** A tenant's pages are its own admins' and the operator's. */
    private static Mono<AuthorizationResult> ownTenant(Mono<Authentication> authentication, AuthorizationContext context) {
        Object tenantId = context.getVariables().get("tenantId");
        return authentication.ofType(ConsoleAuthentication.class)
                .<AuthorizationResult>map(signedIn -> new AuthorizationDecision(tenantId != null
                        && signedIn.getPrincipal().mayManage(tenantId.toString())))
                .defaultIfEmpty(new AuthorizationDecision(false));
    }
}
