package dev.scimgateway.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scimgateway.edge.TenantPrincipal;
import dev.scimgateway.support.GatewayTest;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * A replica that has not yet heard of a token (made on another replica since its last refresh)
 * verifies the JWT and reads the token from the database; once it knows the token, the hash of
 * the text alone recognises it, and a revocation read at the next refresh refuses it.
 */
class TokenRegistryTest extends GatewayTest {

    @Autowired
    TokenCodec codec;

    @Autowired
    TenantStore store;

    @Autowired
    LastUseTracker lastUse;

    @Test
    void aTokenMadeElsewhereIsReadOnceThenKnownByItsHashUntilRevoked() {
        String tenant = newTenant("registry");
        JsonNode issued = newToken(tenant, "okta");
        String token = issued.get("token").stringValue();
        UUID id = UUID.fromString(issued.get("id").stringValue());
        // Another replica: it starts empty and has not refreshed since the token was made.
        TokenRegistry elsewhere = new TokenRegistry(codec, store, lastUse, Duration.ofHours(1), Clock.systemUTC());

        TenantPrincipal first = elsewhere.authenticate(token, TokenScopes.Use.SCIM_WRITE, refused -> {}).block(Duration.ofSeconds(10));
        assertThat(first).isEqualTo(new TenantPrincipal(tenant, id, "okta"));
        assertThat(elsewhere.authenticate(token, TokenScopes.Use.SCIM_WRITE, refused -> {}).block(Duration.ofSeconds(10))).isEqualTo(first);
        assertThat(elsewhere.authenticate(token + "x", TokenScopes.Use.SCIM_WRITE, refused -> {}).blockOptional(Duration.ofSeconds(10))).isEmpty();
        String forged = token.substring(0, token.lastIndexOf('.') + 1) + "AAAA";
        assertThat(elsewhere.authenticate(forged, TokenScopes.Use.SCIM_WRITE, refused -> {}).blockOptional(Duration.ofSeconds(10))).isEmpty();

        admin(http.delete().uri("/admin/v1/tenants/{t}/tokens/{id}", tenant, id)).exchange().expectStatus().isNoContent();
        assertThat(elsewhere.authenticate(token, TokenScopes.Use.SCIM_WRITE, refused -> {}).blockOptional(Duration.ofSeconds(10)))
                .as("known until the next refresh").isPresent();
        elsewhere.refresh().block(Duration.ofSeconds(10));
        assertThat(elsewhere.authenticate(token, TokenScopes.Use.SCIM_WRITE, refused -> {}).blockOptional(Duration.ofSeconds(10))).isEmpty();
    }
}
