package dev.scimgateway.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * An OpenID provider played by WireMock with a real RSA key and real signatures: discovery, JWKS,
 * an authorize endpoint that signs in whoever the test says and sends the browser back with a
 * code, and a token endpoint that checks what a real provider checks (the client's secret in the
 * Authorization header, the code used once, the redirect URI, the PKCE verifier against the S256
 * challenge) and answers with an ID token carrying the nonce the gateway sent to authorize.
 * A test can spoil the next ID token (its claims, or its signing key) to see it refused.
 */
public final class FakeOpenIdProvider implements AutoCloseable {

    public static final String CLIENT_ID = "console-client";
    public static final String CLIENT_SECRET = "console-secret-" + UUID.randomUUID();

    /** What authorize saw, kept for the token request that redeems its code. */
    private record Authorization(String clientId, String redirectUri, String nonce, String challenge, User user) {}

    /** Who signs in at the provider next. */
    public record User(String subject, @Nullable String email, @Nullable Boolean emailVerified, List<String> groups) {}

    private final WireMockServer server;
    private final String host;
    private final RSAKey key;
    private final Map<String, Authorization> codes = new ConcurrentHashMap<>();
    private volatile User next = new User("nobody", null, null, List.of());
    private volatile UnaryOperator<JWTClaimsSet.Builder> spoilClaims = UnaryOperator.identity();
    private volatile @Nullable RSAKey spoilKey;

    public FakeOpenIdProvider() {
        this("localhost");
    }

    /** @param host how the gateway and the browser name this provider: another host than the gateway's is another site */
    public FakeOpenIdProvider(String host) {
        this.host = host;
        try {
            this.key = new RSAKeyGenerator(2048).keyID("key-1").generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        this.server = new WireMockServer(WireMockConfiguration.options().dynamicPort()
                .extensions(new AuthorizeEndpoint(), new TokenEndpoint()));
        server.start();
        server.stubFor(get(urlPathEqualTo("/.well-known/openid-configuration")).willReturn(okJson(discovery())));
        server.stubFor(get(urlPathEqualTo("/jwks")).willReturn(okJson(new JWKSet(key.toPublicJWK()).toString())));
        server.stubFor(get(urlPathEqualTo("/authorize")).willReturn(aResponse().withTransformers("authorize")));
        server.stubFor(post(urlPathEqualTo("/token")).willReturn(aResponse().withTransformers("token")));
    }

    public String issuer() {
        return "http://" + host + ":" + server.port();
    }

    /** The next sign-in at the provider is this user's. */
    public void signInAs(String email, String... groups) {
        next = new User("sub-" + UUID.randomUUID(), email, true, List.of(groups));
    }

    public void signInAs(User user) {
        next = user;
    }

    /** The next ID tokens get these changes to their claims. */
    public void spoilClaims(UnaryOperator<JWTClaimsSet.Builder> change) {
        spoilClaims = change;
    }

    /** The next ID tokens are signed with another key that claims the published key's id. */
    public void signWithAnotherKey() {
        try {
            spoilKey = new RSAKeyGenerator(2048).keyID(key.getKeyID()).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    public void reset() {
        spoilClaims = UnaryOperator.identity();
        spoilKey = null;
    }

    public WireMockServer server() {
        return server;
    }

    @Override
    public void close() {
        server.stop();
    }

    private String discovery() {
        String issuer = issuer();
        return """
                {"issuer":"%s","authorization_endpoint":"%s/authorize","token_endpoint":"%s/token",
                 "jwks_uri":"%s/jwks","response_types_supported":["code"],"subject_types_supported":["public"],
                 "id_token_signing_alg_values_supported":["RS256"],"code_challenge_methods_supported":["S256"],
                 "token_endpoint_auth_methods_supported":["client_secret_basic"],
                 "scopes_supported":["openid","email","profile"]}""".formatted(issuer, issuer, issuer, issuer);
    }

    /** Signs in {@link #next} and sends the browser back to the redirect URI with a code and the state. */
    private final class AuthorizeEndpoint implements ResponseDefinitionTransformerV2 {

        @Override
        public ResponseDefinition transform(ServeEvent event) {
            Map<String, String> query = parameters(queryOf(event.getRequest().getUrl()));
            if (!"code".equals(query.get("response_type")) || !"S256".equals(query.get("code_challenge_method"))
                    || query.get("nonce") == null || query.get("code_challenge") == null || query.get("state") == null) {
                return new ResponseDefinitionBuilder().withStatus(400).withBody("bad authorization request").build();
            }
            String code = UUID.randomUUID().toString();
            codes.put(code, new Authorization(query.get("client_id"), query.get("redirect_uri"), query.get("nonce"),
                    query.get("code_challenge"), next));
            String back = query.get("redirect_uri") + "?code=" + code + "&state=" + encode(query.get("state"));
            return new ResponseDefinitionBuilder().withStatus(302).withHeader("Location", back).build();
        }

        @Override
        public String getName() {
            return "authorize";
        }

        @Override
        public boolean applyGlobally() {
            return false;
        }
    }

    /** Redeems a code once, for the client that asked for it, with its secret and its PKCE verifier. */
    private final class TokenEndpoint implements ResponseDefinitionTransformerV2 {

        @Override
        public ResponseDefinition transform(ServeEvent event) {
            Request request = event.getRequest();
            String expected = "Basic " + Base64.getEncoder().encodeToString((encode(CLIENT_ID) + ":" + encode(CLIENT_SECRET))
                    .getBytes(StandardCharsets.UTF_8));
            if (!expected.equals(request.getHeader("Authorization"))) {
                return error(401, "invalid_client");
            }
            Map<String, String> form = parameters(request.getBodyAsString());
            Authorization authorization = codes.remove(String.valueOf(form.get("code")));
            if (!"authorization_code".equals(form.get("grant_type")) || authorization == null
                    || !CLIENT_ID.equals(authorization.clientId())
                    || !authorization.redirectUri().equals(form.get("redirect_uri"))
                    || form.get("code_verifier") == null
                    || !authorization.challenge().equals(s256(form.get("code_verifier")))) {
                return error(400, "invalid_grant");
            }
            return new ResponseDefinitionBuilder().withStatus(200).withHeader("Content-Type", "application/json")
                    .withHeader("Cache-Control", "no-store")
                    .withBody("{\"access_token\":\"at-" + UUID.randomUUID() + "\",\"token_type\":\"Bearer\",\"expires_in\":3600,"
                            + "\"id_token\":\"" + idToken(authorization) + "\"}")
                    .build();
        }

        @Override
        public String getName() {
            return "token";
        }

        @Override
        public boolean applyGlobally() {
            return false;
        }
    }

    private String idToken(Authorization authorization) {
        Instant now = Instant.now();
        User user = authorization.user();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(issuer())
                .subject(user.subject())
                .audience(CLIENT_ID)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(300)))
                .claim("nonce", authorization.nonce());
        if (user.email() != null) {
            claims.claim("email", user.email());
        }
        if (user.emailVerified() != null) {
            claims.claim("email_verified", user.emailVerified());
        }
        if (!user.groups().isEmpty()) {
            claims.claim("groups", user.groups());
        }
        try {
            RSAKey signing = spoilKey != null ? spoilKey : key;
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(signing.getKeyID()).build(),
                    spoilClaims.apply(claims).build());
            jwt.sign(new RSASSASigner(signing));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ResponseDefinition error(int status, String code) {
        return new ResponseDefinitionBuilder().withStatus(status).withHeader("Content-Type", "application/json")
                .withBody("{\"error\":\"" + code + "\"}").build();
    }

    private static String s256(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String queryOf(String url) {
        int mark = url.indexOf('?');
        return mark < 0 ? "" : url.substring(mark + 1);
    }

    private static Map<String, String> parameters(String encoded) {
        Map<String, String> out = new HashMap<>();
        for (String pair : encoded.split("&")) {
            if (!pair.isEmpty()) {
                int eq = pair.indexOf('=');
                String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                out.put(name, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    private static String encode(String value) {
        return java.net.URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
