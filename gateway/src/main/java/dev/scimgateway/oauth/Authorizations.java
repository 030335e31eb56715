package dev.scimgateway.oauth;

import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationErrorResponse;
import com.nimbusds.oauth2.sdk.AuthorizationRequest;
import com.nimbusds.oauth2.sdk.AuthorizationSuccessResponse;
import com.nimbusds.oauth2.sdk.ErrorObject;
import com.nimbusds.oauth2.sdk.OAuth2Error;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallenge;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.util.URLUtils;
import dev.scimgateway.crypto.RandomSecrets;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * The authorization endpoint's decisions, for the console page that asks the admin (RFC 6749 §4.1,
 * RFC 7636). A request whose client or redirect URI is wrong is refused on the page and never
 * redirected: only a URI registered for the client, matched exactly, ever receives the browser.
 * Every other error goes back to the client at that URI. The tenant is the signed-in admin's.
 */
public final class Authorizations {

    private static final int MAX_QUERY_LENGTH = 8192;

    /** What the endpoint does with a request. */
    public sealed interface Decision permits Refused, Redirect, Consent {}

    /** Shown to the admin as a page with this status; nothing goes to the client. */
    public record Refused(int status, String detail) implements Decision {}

    /** The browser goes back to the client with this URI (an error, or the code). */
    public record Redirect(URI location) implements Decision {}

    /**
     * Ask the admin. {@code formActionOrigin} is where the consent form's answer redirects the
     * browser, which the page's Content-Security-Policy must allow.
     */
    public record Consent(String clientName, String clientId, String tenantId, List<String> scopes, boolean offline,
            String redirectUri, String formActionOrigin) implements Decision {}

    private final OAuthClients clients;
    private final OAuthStore store;
    private final RandomSecrets random;
    private final Duration codeLifetime;
    private final Clock clock;

    public Authorizations(OAuthClients clients, OAuthStore store, RandomSecrets random, Duration codeLifetime, Clock clock) {
        this.clients = clients;
        this.store = store;
        this.random = random;
        this.codeLifetime = codeLifetime;
        this.clock = clock;
    }

    /**
     * What to do with the request in {@code query} (the authorization request's query string) for an
     * admin of {@code tenantId}. Every redirect to the client names {@code issuer}, this authorization
     * server (RFC 9207), so that a client of several servers can tell which one answered.
     */
    public Mono<Decision> check(String query, String tenantId, String issuer) {
        return checked(query, tenantId, new Issuer(issuer)).map(checked -> checked.decision);
    }

    /** The admin approved: a code for the client, bound to all the request says. */
    public Mono<Decision> approve(String query, String tenantId, String issuer) {
        Issuer answering = new Issuer(issuer);
        return checked(query, tenantId, answering).flatMap(checked -> {
            if (!(checked.decision instanceof Consent consent) || checked.request == null) {
                return Mono.just(checked.decision);
            }
            AuthorizationRequest request = checked.request;
            String code = TenantSecrets.CODES.issue(random, tenantId);
            CodeChallenge challenge = request.getCodeChallenge();
            OAuthStore.Code row = new OAuthStore.Code(tenantId, TenantSecrets.CODES.parse(code).orElseThrow().hash(),
                    consent.clientId(), UUID.randomUUID(), consent.redirectUri(),
                    challenge == null ? null : challenge.getValue(), OAuthScopes.GRANTED, consent.offline(),
                    clock.instant().plus(codeLifetime));
            URI back = new AuthorizationSuccessResponse(URI.create(consent.redirectUri()), new AuthorizationCode(code),
                    null, request.getState(), answering, null).toURI();
            return store.insertCode(row).thenReturn(new Redirect(back));
        });
    }

    /** The admin declined: {@code access_denied} to the client. */
    public Mono<Decision> deny(String query, String tenantId, String issuer) {
        Issuer answering = new Issuer(issuer);
        return checked(query, tenantId, answering).map(checked -> checked.decision instanceof Consent consent
                && checked.request != null
                ? error(consent.redirectUri(), OAuth2Error.ACCESS_DENIED.setDescription("The admin declined"),
                        checked.request.getState(), answering)
                : checked.decision);
    }

    private record Checked(Decision decision, @Nullable AuthorizationRequest request) {}

    private Mono<Checked> checked(String query, String tenantId, Issuer issuer) {
        if (query.length() > MAX_QUERY_LENGTH) {
            return Mono.just(refused(400, "The authorization request is longer than " + MAX_QUERY_LENGTH + " characters"));
        }
        Map<String, List<String>> params = URLUtils.parseParameters(query);
        String clientId = single(params, "client_id");
        if (clientId == null || clientId.isEmpty()) {
            return Mono.just(refused(400, "The authorization request names no client (client_id, once)"));
        }
        return clients.find(clientId)
                .map(client -> decide(client, params, tenantId, issuer))
                .defaultIfEmpty(refused(400, "There is no OAuth client '" + clientId + "'; the IdP's settings name a"
                        + " client this gateway does not know"));
    }

    private Checked decide(OAuthClient client, Map<String, List<String>> params, String tenantId, Issuer issuer) {
        if (!client.serves(tenantId)) {
            return refused(403, "The client '" + client.name() + "' belongs to another tenant; sign in with an admin key"
                    + " of the tenant it was registered for");
        }
        // Required, although RFC 6749 lets a client of one URI leave it out: the token request must then repeat it, and
        // every IdP sends it anyway.
        String redirectUri = single(params, "redirect_uri");
        if (redirectUri == null || !client.redirectUris().contains(redirectUri)) {
            return refused(400, "The redirect URI is missing or not registered for the client '" + client.name()
                    + "'; it must equal a registered one exactly");
        }
        State state = single(params, "state") == null ? null : new State(single(params, "state"));
        if (!client.allows(OAuthClient.AUTHORIZATION_CODE)) {
            return new Checked(error(redirectUri, OAuth2Error.UNAUTHORIZED_CLIENT.setDescription(
                    "The client is not registered for the authorization code grant"), state, issuer), null);
        }
        AuthorizationRequest request;
        try {
            request = AuthorizationRequest.parse(params);
        } catch (ParseException e) {
            ErrorObject error = e.getErrorObject() != null ? e.getErrorObject() : OAuth2Error.INVALID_REQUEST;
            return new Checked(error(redirectUri, error, state, issuer), null);
        }
        if (!ResponseType.CODE.equals(request.getResponseType())) {
            return new Checked(error(redirectUri, OAuth2Error.UNSUPPORTED_RESPONSE_TYPE.setDescription(
                    "Only response_type=code is offered"), state, issuer), null);
        }
        if (request.getCodeChallenge() != null && !CodeChallengeMethod.S256.equals(request.getCodeChallengeMethod())) {
            return new Checked(error(redirectUri, OAuth2Error.INVALID_REQUEST.setDescription(
                    "PKCE needs code_challenge_method=S256; plain is not offered"), state, issuer), null);
        }
        List<String> scopes;
        try {
            scopes = OAuthScopes.asked(request.getScope());
        } catch (OAuthRefusal refusal) {
            return new Checked(error(redirectUri, refusal.error(), state, issuer), null);
        }
        boolean offline = scopes.contains(OAuthScopes.OFFLINE_ACCESS) || client.allows(OAuthClient.REFRESH_TOKEN);
        return new Checked(new Consent(client.name(), client.clientId(), tenantId, OAuthScopes.GRANTED, offline,
                redirectUri, RedirectUris.origin(redirectUri)), request);
    }

    private static Redirect error(String redirectUri, ErrorObject error, @Nullable State state, Issuer issuer) {
        return new Redirect(new AuthorizationErrorResponse(URI.create(redirectUri), error, state, issuer, null).toURI());
    }

    private static Checked refused(int status, String detail) {
        return new Checked(new Refused(status, detail), null);
    }

    /** The parameter's value when it is given once; null when absent or repeated (RFC 6749 §3.1). */
    private static @Nullable String single(Map<String, List<String>> params, String name) {
        List<String> values = params.get(name);
        return values == null || values.size() != 1 ? null : values.get(0);
    }
}
