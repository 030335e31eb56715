package dev.scimgateway.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import dev.scimgateway.console.ConsoleVisitor;
import dev.scimgateway.edge.TenantPrincipal;
import dev.scimgateway.scim.protocol.ScimException;
import dev.scimgateway.tenancy.LastUseTracker;
import dev.scimgateway.tenancy.TenantStore;
import dev.scimgateway.tenancy.TokenCodec;
import dev.scimgateway.tenancy.TokenRegistry;
import dev.scimgateway.tenancy.TokenScopes;
import java.time.Clock;
import dev.scimgateway.support.ScimClient;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

/**
 * Federated JWTs: an Entra-like issuer (WireMock, real keys, real signatures) is trusted by a
 * tenant, and its JWTs provision through SCIM; every kind of forged, stale or misdirected JWT is
 * refused with a 401 that says what is wrong; the issuer's JWKS endpoint is fetched sparingly.
 */
class FederatedJwtTest extends OAuthTestSupport {

    private final FakeEntraIssuer entra = new FakeEntraIssuer();

    @Autowired
    private TokenCodec codec;

    @Autowired
    private TenantStore tenantStore;

    @Autowired
    private LastUseTracker lastUse;

    @Autowired
    private TrustedIssuerStore trustStore;

    @AfterEach
    void stopIssuer() {
        entra.close();
    }

    @Test
    void aFederatedJwtProvisionsAUserAndShowsInTheTokenListWithItsLastUse() throws Exception {
        String tenant = newTenant("federated");
        JsonNode trust = trust(tenant, entra.v1Issuer(), List.of(FakeEntraIssuer.ENTRA_SCIM_AUDIENCE),
                Map.of("tid", entra.tid()));
        String trustId = trust.get("id").stringValue();

        ScimClient idp = new ScimClient(http, tenant, entra.v1Token());
        String userId = idp.createUser("alice@federated.example");
        idp.get("/Users/" + userId).expectStatus().isOk();

        JsonNode row = tokenRow(tenant, trustId);
        assertThat(row.get("name").stringValue()).isEqualTo(entra.v1Issuer());
        assertThat(row.get("trustedIssuer").stringValue()).isEqualTo(entra.v1Issuer());
        assertThat(row.get("status").stringValue()).isEqualTo("active");
        assertThat(row.get("lastUsedAt").isNull()).as("the first use is written at once").isFalse();
        assertThat(row.get("scopes").get(0).stringValue()).isEqualTo("scim");

        // The activity log names the credential: the trust's token row, named for the issuer.
        JsonNode created = null;
        for (int attempt = 0; attempt < 50 && created == null; attempt++) {
            JsonNode activity = admin(http.get().uri("/admin/v1/tenants/{t}/activity", tenant)).exchange()
                    .expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody().get("activity");
            created = StreamSupport.stream(activity.spliterator(), false)
                    .filter(entry -> userId.equals(entry.path("resourceId").stringValue(null))).findFirst().orElse(null);
            if (created == null) {
                Thread.sleep(100);
            }
        }
        assertThat(created).as("the user's creation is in the activity log").isNotNull();
        assertThat(created.get("tokenId").stringValue()).isEqualTo(trustId);
        assertThat(created.get("tokenName").stringValue()).isEqualTo(entra.v1Issuer());

        // Revoking the row in the token list ends the trust.
        admin(http.delete().uri("/admin/v1/tenants/{t}/tokens/{id}", tenant, trustId)).exchange()
                .expectStatus().isNoContent();
        assertThat(trusts(tenant)).isEmpty();
        // Refused by the revoked row, or, once the poll has run, as an issuer nobody trusts.
        refused(tenant, entra.v1Token(), "");
    }

    @Test
    void workloadIdentityTokensOfEntraV2SignedWithAnEcKeyAreAccepted() {
        String tenant = newTenant("workload");
        String clientId = UUID.randomUUID().toString();
        trust(tenant, entra.v2Issuer(), List.of("api://scim-gateway", "scim-gateway"),
                Map.of("tid", entra.tid(), "azp", clientId));
        entra.rotate(true);
        String token = entra.sign(entra.claims(entra.v2Issuer(), "api://scim-gateway").claim("azp", clientId)
                .claim("ver", "2.0").build());
        new ScimClient(http, tenant, token).get("/Users").expectStatus().isOk();
        // An audience spelt like the gateway's own access tokens' is still the trusted issuer's to use.
        String plainAudience = entra.sign(entra.claims(entra.v2Issuer(), "scim-gateway").claim("azp", clientId).build());
        new ScimClient(http, tenant, plainAudience).get("/Users").expectStatus().isOk();

        String otherClient = entra.sign(entra.claims(entra.v2Issuer(), "api://scim-gateway")
                .claim("azp", UUID.randomUUID().toString()).build());
        refused(tenant, otherClient, "'azp'");
    }

    @Test
    void forgedStaleAndMisdirectedJwtsAreRefusedWith401() throws JOSEException {
        String tenant = newTenant("attacks");
        trust(tenant, entra.v1Issuer(), List.of(FakeEntraIssuer.ENTRA_SCIM_AUDIENCE), Map.of("tid", entra.tid()));
        new ScimClient(http, tenant, entra.v1Token()).get("/Users").expectStatus().isOk();
        Instant now = Instant.now();

        JWTClaimsSet valid = entra.claims(entra.v1Issuer(), FakeEntraIssuer.ENTRA_SCIM_AUDIENCE).build();
        refused(tenant, new PlainJWT(valid).serialize(), "not signed");

        // HS256 with the issuer's public key as the shared secret: the classic algorithm confusion.
        byte[] publicKey = ((RSAKey) entra.signingKey()).toRSAPublicKey().getEncoded();
        SignedJWT confused = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(entra.signingKey().getKeyID())
                .build(), valid);
        confused.sign(new MACSigner(publicKey));
        refused(tenant, confused.serialize(), "HS256");

        refused(tenant, entra.token(claims -> claims.audience("https://graph.microsoft.com")), "audience");
        refused(tenant, entra.token(claims -> claims.issuer("https://sts.windows.net/" + UUID.randomUUID() + "/")),
                "not trusted");
        refused(tenant, entra.token(claims -> claims.issueTime(Date.from(now.minus(Duration.ofHours(2))))
                .notBeforeTime(Date.from(now.minus(Duration.ofHours(2))))
                .expirationTime(Date.from(now.minus(Duration.ofMinutes(10))))), "expired");
        refused(tenant, entra.token(claims -> claims.notBeforeTime(Date.from(now.plus(Duration.ofMinutes(10))))),
                "not valid before");
        refused(tenant, entra.token(claims -> claims.expirationTime(null)), "no expiry");
        refused(tenant, entra.token(claims -> claims.claim("tid", null)), "'tid'");
        refused(tenant, entra.token(claims -> claims.claim("tid", UUID.randomUUID().toString())), "'tid'");
        RSAKey impostor = new com.nimbusds.jose.jwk.gen.RSAKeyGenerator(2048).keyID(entra.signingKey().getKeyID())
                .generate();
        refused(tenant, FakeEntraIssuer.sign(valid, impostor), "signature");
        refused(tenant, FakeEntraIssuer.sign(valid, FakeEntraIssuer.rsa()), "signing key");
    }

    @Test
    void aFloodOfUnknownKeyIdsDoesNotFloodTheJwksEndpoint() {
        String tenant = newTenant("kid-flood");
        trust(tenant, entra.v1Issuer(), List.of(FakeEntraIssuer.ENTRA_SCIM_AUDIENCE), Map.of("tid", entra.tid()));
        new ScimClient(http, tenant, entra.v1Token()).get("/Users").expectStatus().isOk();
        assertThat(entra.keyFetches()).isEqualTo(1);

        JWTClaimsSet valid = entra.claims(entra.v1Issuer(), FakeEntraIssuer.ENTRA_SCIM_AUDIENCE).build();
        for (int i = 0; i < 50; i++) {
            refused(tenant, FakeEntraIssuer.sign(valid, FakeEntraIssuer.rsa()), "signing key");
        }
        assertThat(entra.keyFetches()).as("an unknown key id fetches the set again, at most twice per interval")
                .isLessThanOrEqualTo(3);
        new ScimClient(http, tenant, entra.v1Token()).get("/Users").expectStatus().isOk();
    }

    @Test
    void aRotatedKeyIsPickedUpAndCachedKeysVerifyWhileTheJwksEndpointIsDown() {
        String tenant = newTenant("rotation");
        trust(tenant, entra.v1Issuer(), List.of(FakeEntraIssuer.ENTRA_SCIM_AUDIENCE), Map.of("tid", entra.tid()));
        new ScimClient(http, tenant, entra.v1Token()).get("/Users").expectStatus().isOk();

        entra.rotate(false);
        new ScimClient(http, tenant, entra.v1Token()).get("/Users").expectStatus().isOk();
        assertThat(entra.keyFetches()).as("the new key id fetched the set once").isEqualTo(2);

        entra.failWith500();
        new ScimClient(http, tenant, entra.v1Token()).get("/Users").expectStatus().isOk();
        entra.resetConnections();
        new ScimClient(http, tenant, entra.v1Token()).get("/Users").expectStatus().isOk();
    }

    /**
     * Outage tolerance proper: the cached set has expired, the JWKS endpoint answers 500 or resets
     * the connection, and the keys it published last still verify. Run on the keys themselves with a
     * one-second cache, which the gateway's minutes would make a slow test.
     */
    @Test
    void expiredCachedKeysStillVerifyWhileTheJwksEndpointFails() throws Exception {
        List<java.util.function.Consumer<FakeEntraIssuer>> outages = List.of(FakeEntraIssuer::failWith500,
                FakeEntraIssuer::resetConnections);
        for (var outage : outages) {
            try (FakeEntraIssuer issuer = new FakeEntraIssuer()) {
                IssuerKeys keys = new IssuerKeys(new IssuerKeys.Settings(Duration.ofSeconds(1), Duration.ofMillis(500),
                        Duration.ofHours(1), Duration.ofSeconds(2)));
                assertThat(keys.verify(SignedJWT.parse(issuer.v1Token()), issuer.jwksUri()))
                        .isEqualTo(IssuerKeys.Outcome.VERIFIED);
                outage.accept(issuer);
                Thread.sleep(1_300);
                assertThat(keys.verify(SignedJWT.parse(issuer.v1Token()), issuer.jwksUri()))
                        .as("the set fetched last verifies while its URL fails").isEqualTo(IssuerKeys.Outcome.VERIFIED);
                // A blocking HTTP client may try a reset connection's GET once more.
                assertThat(issuer.keyFetches()).as("the expired set was fetched again, and that failed").isBetween(2, 3);
                String unknownKey = FakeEntraIssuer.sign(
                        issuer.claims(issuer.v1Issuer(), FakeEntraIssuer.ENTRA_SCIM_AUDIENCE).build(), FakeEntraIssuer.rsa());
                assertThat(keys.verify(SignedJWT.parse(unknownKey), issuer.jwksUri()))
                        .isNotEqualTo(IssuerKeys.Outcome.VERIFIED);
            }
        }
    }

    /**
     * Another replica, with its own trust directory and token registry, accepts the JWT from memory
     * and refuses it within a second of the trust's removal on this one.
     */
    @Test
    void aRemovedTrustIsRefusedByAnotherReplicaWithinASecond() throws Exception {
        String tenant = newTenant("trust-replicas");
        String trustId = trust(tenant, entra.v1Issuer(), List.of(FakeEntraIssuer.ENTRA_SCIM_AUDIENCE),
                Map.of("tid", entra.tid())).get("id").stringValue();
        Duration refresh = Duration.ofMillis(500);
        TokenRegistry registry = new TokenRegistry(codec, tenantStore, lastUse, refresh, Clock.systemUTC());
        TrustDirectory directory = new TrustDirectory(trustStore, refresh);
        registry.start();
        directory.start();
        try {
            FederatedJwtAuthenticator replica = new FederatedJwtAuthenticator(directory, new IssuerKeys(
                    new IssuerKeys.Settings(Duration.ofMinutes(5), Duration.ofSeconds(30), Duration.ofHours(1),
                            Duration.ofSeconds(2))), registry, Clock.systemUTC());
            TenantPrincipal principal = replica.authenticate(entra.v1Token(), TokenScopes.Use.SCIM_WRITE, refused -> {})
                    .block(Duration.ofSeconds(10));
            assertThat(principal.tenantId()).isEqualTo(tenant);
            assertThat(principal.tokenId().toString()).isEqualTo(trustId);

            admin(http.delete().uri("/admin/v1/tenants/{t}/trusted-issuers/{id}", tenant, trustId)).exchange()
                    .expectStatus().isNoContent();
            Instant removed = Instant.now();
            while (true) {
                try {
                    replica.authenticate(entra.v1Token(), TokenScopes.Use.SCIM_READ, refused -> {})
                            .block(Duration.ofSeconds(10));
                } catch (ScimException refused) {
                    assertThat(refused.status()).isEqualTo(401);
                    break;
                }
                assertThat(Duration.between(removed, Instant.now())).as("refused within a second")
                        .isLessThan(Duration.ofSeconds(1));
                Thread.sleep(20);
            }
        } finally {
            directory.stop();
            registry.stop();
        }
        refused(tenant, entra.v1Token(), "not trusted");
    }

    @Test
    void aTrustOfOneTenantNeverAuthenticatesForAnother() {
        String a = newTenant("trust-a");
        String b = newTenant("trust-b");
        String audience = FakeEntraIssuer.ENTRA_SCIM_AUDIENCE;
        trust(a, entra.v1Issuer(), List.of(audience), Map.of("tid", entra.tid(), "appid", "app-a"));
        // The same JWTs for two tenants would prove both: refused.
        String overlap = """
                {"issuer":"%s","audiences":["%s"],"jwksUri":"%s","requiredClaims":{"tid":"%s"}}"""
                .formatted(entra.v1Issuer(), audience, entra.jwksUri(), entra.tid());
        assertThat(error(post(b, overlap).expectStatus().isEqualTo(409)).get("detail").stringValue())
                .contains("Another tenant");
        trust(b, entra.v1Issuer(), List.of(audience), Map.of("tid", entra.tid(), "appid", "app-b"));

        String forA = entra.token(claims -> claims.claim("appid", "app-a"));
        String forB = entra.token(claims -> claims.claim("appid", "app-b"));
        String alice = new ScimClient(http, a, forA).createUser("alice@a.example");
        new ScimClient(http, b, forB).get("/Users/" + alice).expectStatus().isNotFound();
        new ScimClient(http, b, forB).createUser("bob@b.example");
        JsonNode seenByA = ScimClient.body(new ScimClient(http, a, forA).get("/Users").expectStatus().isOk());
        assertThat(seenByA.get("totalResults").asInt()).isEqualTo(1);
        assertThat(seenByA.get("Resources").get(0).get("userName").stringValue()).isEqualTo("alice@a.example");
        refused(a, entra.token(claims -> claims.claim("appid", "app-c")), "'appid'");

        // A tenant admin manages its own tenant's trusts only.
        String keyOfB = newAdminKey(b, "admin-b").get("key").stringValue();
        http.get().uri("/admin/v1/tenants/{t}/trusted-issuers", a).header("Authorization", "Bearer " + keyOfB)
                .exchange().expectStatus().isForbidden();
        http.get().uri("/admin/v1/tenants/{t}/trusted-issuers", b).header("Authorization", "Bearer " + keyOfB)
                .exchange().expectStatus().isOk();
    }

    @Test
    void badTrustRequestsGetA400ThatSaysWhat() {
        String tenant = newTenant("bad-trusts");
        String jwks = entra.jwksUri();
        Map<String, String> bad = new java.util.LinkedHashMap<>();
        bad.put("{\"audiences\":[\"x\"],\"jwksUri\":\"" + jwks + "\"}", "'issuer'");
        bad.put("{\"issuer\":\"https://i.example\",\"audiences\":[],\"jwksUri\":\"" + jwks + "\"}", "'audiences'");
        bad.put("{\"issuer\":\"https://i.example\",\"audiences\":[\" \"],\"jwksUri\":\"" + jwks + "\"}", "'audiences'");
        bad.put("{\"issuer\":\"https://i.example\",\"audiences\":[\"x\"]}", "'jwksUri'");
        bad.put("{\"issuer\":\"https://i.example\",\"audiences\":[\"x\"],\"jwksUri\":\"http://idp.example/keys\"}",
                "'jwksUri'");
        bad.put("{\"issuer\":\"https://i.example\",\"audiences\":[\"x\"],\"jwksUri\":\"ftp://idp.example/keys\"}",
                "'jwksUri'");
        bad.put("{\"issuer\":\"https://i.example\",\"audiences\":[\"x\"],\"jwksUri\":\"https://10.1.2.3/keys\"}",
                "private");
        bad.put("{\"issuer\":\"https://i.example\",\"audiences\":[\"x\"],\"jwksUri\":\"https://169.254.169.254/keys\"}",
                "private");
        bad.put("{\"issuer\":\"https://i.example\",\"audiences\":[\"x\"],\"jwksUri\":\"https://user:pw@idp.example/k\"}",
                "'jwksUri'");
        bad.put("{\"issuer\":\"https://i.example\",\"audiences\":[\"x\"],\"jwksUri\":\"" + jwks
                + "\",\"requiredClaims\":{\"tid\":5}}", "requiredClaims.tid");
        bad.put("{\"issuer\":\"https://i.example\",\"audiences\":[\"x\"],\"jwksUri\":\"" + jwks
                + "\",\"requiredClaims\":{\"exp\":\"1\"}}", "'exp'");
        bad.put("{\"issuer\":\"https://i.example\",\"audiences\":[\"x\"],\"jwksUri\":\"" + jwks
                + "\",\"requiredClaims\":[\"tid\"]}", "'requiredClaims'");
        bad.forEach((body, fragment) -> {
            JsonNode error = error(post(tenant, body).expectStatus().isBadRequest());
            assertThat(error.get("scimType").stringValue()).as(body).isEqualTo("invalidValue");
            assertThat(error.get("detail").stringValue()).as(body).contains(fragment);
        });
        assertThat(trusts(tenant)).isEmpty();
        admin(http.delete().uri("/admin/v1/tenants/{t}/trusted-issuers/{id}", tenant, UUID.randomUUID())).exchange()
                .expectStatus().isNotFound();
    }

    @Test
    void theConsoleListsAddsAndRemovesTrustedIssuers() {
        String tenant = newTenant("console-trusts");
        ConsoleVisitor browser = signedIn(tenant, "127.0.0.61");
        String page = "/console/tenants/" + tenant + "/trusted-issuers";
        assertThat(browser.get(page).getResponseBody()).contains("No trusted issuer yet");

        assertThat(browser.post(page, "issuer", entra.v1Issuer(), "audiences", "", "jwksUri", entra.jwksUri())
                .getResponseBody()).contains("&#39;audiences&#39;");
        assertThat(browser.post(page, "issuer", entra.v1Issuer(), "audiences", FakeEntraIssuer.ENTRA_SCIM_AUDIENCE,
                "jwksUri", entra.jwksUri(), "requiredClaims", "tid=" + entra.tid()).getStatus().value()).isEqualTo(303);
        String listed = browser.get(page).getResponseBody();
        assertThat(listed).contains(entra.v1Issuer()).contains("tid: " + entra.tid());
        new ScimClient(http, tenant, entra.v1Token()).get("/Users").expectStatus().isOk();
        assertThat(browser.get("/console/tenants/" + tenant + "/tokens").getResponseBody()).contains("Trusted issuer");

        String remove = page + "/" + trusts(tenant).get(0).get("id").stringValue() + "/remove";
        assertThat(browser.post(remove).getStatus().value()).isEqualTo(303);
        assertThat(trusts(tenant)).isEmpty();
    }

    private JsonNode trust(String tenant, String issuer, List<String> audiences, Map<String, String> claims) {
        Map<String, Object> body = Map.of("issuer", issuer, "audiences", audiences, "jwksUri", entra.jwksUri(),
                "requiredClaims", claims);
        return post(tenant, body).expectStatus().isCreated().expectBody(JsonNode.class).returnResult().getResponseBody();
    }

    private WebTestClient.ResponseSpec post(String tenant, Object body) {
        return http.post().uri("/admin/v1/tenants/{t}/trusted-issuers", tenant)
                .header("Authorization", "Bearer " + ADMIN_TOKEN)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange();
    }

    private JsonNode trusts(String tenant) {
        return admin(http.get().uri("/admin/v1/tenants/{t}/trusted-issuers", tenant)).exchange().expectStatus().isOk()
                .expectBody(JsonNode.class).returnResult().getResponseBody();
    }

    private JsonNode tokenRow(String tenant, String id) {
        return StreamSupport.stream(tokens(tenant).spliterator(), false)
                .filter(row -> row.get("id").stringValue().equals(id)).findFirst().orElseThrow();
    }

    private void refused(String tenant, String token, String fragment) {
        JsonNode error = error(new ScimClient(http, tenant, token).get("/Users").expectStatus().isUnauthorized());
        assertThat(error.get("detail").stringValue()).contains(fragment);
    }

    private static JsonNode error(WebTestClient.ResponseSpec response) {
        return response.expectBody(JsonNode.class).returnResult().getResponseBody();
    }
}
