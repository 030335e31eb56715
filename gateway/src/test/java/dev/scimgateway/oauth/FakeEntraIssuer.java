package dev.scimgateway.oauth;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.http.Fault;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * An Entra-like issuer played by WireMock with real keys and real signatures: a directory (its
 * {@code tid}) whose keys (RSA, as Entra's, or EC) are published at a JWKS URL, and the JWTs it
 * would send: v1 tokens of the provisioning service ({@code iss https://sts.windows.net/<tid>/},
 * {@code aud} the SCIM app's fixed id) and v2 workload-identity tokens
 * ({@code iss https://login.microsoftonline.com/<tid>/v2.0}). Keys can be rotated and the JWKS
 * endpoint broken; the requests it received are counted.
 */
final class FakeEntraIssuer implements AutoCloseable {

    static final String ENTRA_SCIM_AUDIENCE = "8adf8e6e-67b2-4cf2-a259-e3dc5476c621";

    private final WireMockServer server;
    private final String tid = UUID.randomUUID().toString();
    private final String keysPath = "/" + tid + "/discovery/v2.0/keys";
    private final List<JWK> published = new ArrayList<>();
    private volatile JWK signing;

    FakeEntraIssuer() {
        this.server = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        server.start();
        this.signing = rsa();
        publish(signing);
    }

    String tid() {
        return tid;
    }

    String v1Issuer() {
        return "https://sts.windows.net/" + tid + "/";
    }

    String v2Issuer() {
        return "https://login.microsoftonline.com/" + tid + "/v2.0";
    }

    String jwksUri() {
        return "http://localhost:" + server.port() + keysPath;
    }

    /** The key the next JWTs are signed with. */
    JWK signingKey() {
        return signing;
    }

    /** A JWT of the provisioning service, as Entra sends it when the Secret Token is left empty. */
    String v1Token() {
        return sign(claims(v1Issuer(), ENTRA_SCIM_AUDIENCE).build());
    }

    /** Claims of a valid JWT, for a test to spoil. */
    JWTClaimsSet.Builder claims(String issuer, String audience) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder()
                .issuer(issuer)
                .audience(audience)
                .subject("provisioning-" + tid)
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofHours(1))))
                .claim("tid", tid)
                .claim("appid", "00000014-0000-0000-c000-000000000000");
    }

    String token(UnaryOperator<JWTClaimsSet.Builder> change) {
        return sign(change.apply(claims(v1Issuer(), ENTRA_SCIM_AUDIENCE)).build());
    }

    String sign(JWTClaimsSet claims) {
        return sign(claims, signing);
    }

    static String sign(JWTClaimsSet claims, JWK key) {
        try {
            boolean ec = key instanceof ECKey;
            JWSSigner signer = ec ? new ECDSASigner((ECKey) key) : new RSASSASigner((RSAKey) key);
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(ec ? JWSAlgorithm.ES256 : JWSAlgorithm.RS256)
                    .type(JOSEObjectType.JWT).keyID(key.getKeyID()).build(), claims);
            jwt.sign(signer);
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A new key, published beside the old ones, signs from now on: a rotation. */
    JWK rotate(boolean ec) {
        signing = ec ? ec() : rsa();
        publish(signing);
        return signing;
    }

    void failWith500() {
        server.stubFor(get(urlPathEqualTo(keysPath)).willReturn(aResponse().withStatus(500)));
    }

    void resetConnections() {
        server.stubFor(get(urlPathEqualTo(keysPath)).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
    }

    /** How many times the JWKS URL was fetched. */
    int keyFetches() {
        return server.countRequestsMatching(getRequestedFor(urlPathEqualTo(keysPath)).build()).getCount();
    }

    private void publish(JWK key) {
        published.add(key.toPublicJWK());
        server.stubFor(get(urlPathEqualTo(keysPath)).willReturn(okJson(new JWKSet(published).toString())));
    }

    static RSAKey rsa() {
        try {
            return new RSAKeyGenerator(2048).keyID("rsa-" + UUID.randomUUID()).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    static ECKey ec() {
        try {
            return new ECKeyGenerator(Curve.P_256).keyID("ec-" + UUID.randomUUID()).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop();
    }
}
