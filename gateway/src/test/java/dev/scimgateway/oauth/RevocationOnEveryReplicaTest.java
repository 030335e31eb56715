package dev.scimgateway.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scimgateway.edge.TenantPrincipal;
import dev.scimgateway.scim.protocol.ScimException;
import dev.scimgateway.tenancy.LastUseTracker;
import dev.scimgateway.tenancy.TenantStore;
import dev.scimgateway.tenancy.TokenCodec;
import dev.scimgateway.tenancy.TokenRegistry;
import dev.scimgateway.tenancy.TokenScopes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Another replica verifies an access token from memory, and learns of its grant's revocation (made
 * on this replica, through the admin API) within a second, by the token registry's polling: it
 * never asked the authorization server, and its next request with the token is refused.
 */
class RevocationOnEveryReplicaTest extends OAuthTestSupport {

    /** The default refresh interval, which production runs with. */
    private static final Duration REFRESH = Duration.ofMillis(500);

    @Autowired
    private TokenCodec codec;

    @Autowired
    private TenantStore store;

    @Autowired
    private LastUseTracker lastUse;

    @Autowired
    private AccessTokens accessTokens;

    @Test
    void aRevokedGrantIsRefusedByAnotherReplicaWithinASecond() throws Exception {
        String tenant = newTenant("replicas");
        OAuthIdp entra = client(register(tenant, "{\"name\":\"Entra replica\",\"grantTypes\":[\"client_credentials\"]}"));
        String accessToken = OAuthIdp.tokens(entra.token("grant_type", "client_credentials")).get("access_token")
                .stringValue();

        TokenRegistry elsewhere = new TokenRegistry(codec, store, lastUse, REFRESH, Clock.systemUTC());
        elsewhere.start();
        try {
            AccessTokenAuthenticator replica = new AccessTokenAuthenticator(accessTokens, elsewhere, Clock.systemUTC());
            TenantPrincipal principal = replica.authenticate(accessToken, TokenScopes.Use.SCIM_WRITE, refused -> {})
                    .block(Duration.ofSeconds(10));
            assertThat(principal.tenantId()).isEqualTo(tenant);
            assertThat(principal.tokenName()).isEqualTo("Entra replica");
            assertThat(replica.authenticate(accessToken + "x", TokenScopes.Use.SCIM_WRITE, refused -> {})
                    .blockOptional(Duration.ofSeconds(10))).as("a token whose signature fails is no access token").isEmpty();

            admin(http.delete().uri("/admin/v1/tenants/{t}/tokens/{id}", tenant, principal.tokenId())).exchange()
                    .expectStatus().isNoContent();
            Instant revoked = Instant.now();
            while (true) {
                try {
                    replica.authenticate(accessToken, TokenScopes.Use.SCIM_READ, refused -> {}).block(Duration.ofSeconds(10));
                } catch (ScimException refused) {
                    assertThat(refused.status()).isEqualTo(401);
                    break;
                }
                assertThat(Duration.between(revoked, Instant.now())).as("refused within a second").isLessThan(
                        Duration.ofSeconds(1));
                Thread.sleep(20);
            }
        } finally {
            elsewhere.stop();
        }
    }

    @Test
    void aRefreshTokenOrAnAccessTokenOfAnotherClientRevokesNothing() {
        String tenant = newTenant("revoke-other");
        OAuthIdp mine = client(register(tenant, "{\"name\":\"Mine\",\"grantTypes\":[\"client_credentials\"]}"));
        OAuthIdp theirs = client(register(tenant, "{\"name\":\"Theirs\",\"grantTypes\":[\"client_credentials\"]}"));
        JsonNode tokens = OAuthIdp.tokens(mine.token("grant_type", "client_credentials"));
        String accessToken = tokens.get("access_token").stringValue();
        theirs.revoke(accessToken).expectStatus().isOk();
        theirs.revoke("sgrt_" + tenant + ".unknown").expectStatus().isOk();
        new dev.scimgateway.support.ScimClient(http, tenant, accessToken).get("/Users").expectStatus().isOk();
        mine.revoke(accessToken).expectStatus().isOk();
        new dev.scimgateway.support.ScimClient(http, tenant, accessToken).get("/Users").expectStatus().isUnauthorized();
    }
}
