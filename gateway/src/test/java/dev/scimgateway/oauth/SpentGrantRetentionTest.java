package dev.scimgateway.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Codes and rotated refresh tokens are kept for a while to recognise a replay, then deleted; a
 * refresh token still in use is kept for as long as its grant lives.
 */
class SpentGrantRetentionTest extends OAuthTestSupport {

    private static final SecureRandom RANDOM = new SecureRandom();

    @Autowired
    private OAuthStore store;

    private static byte[] hash() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    private void runAt(Instant when) {
        new SpentGrantRetention(store, Clock.fixed(when, ZoneOffset.UTC)).deleteSpent()
                .block(Duration.ofSeconds(30));
    }

    private boolean kept(String tenant, byte[] refreshToken, String clientId) {
        return store.refreshTokenGrant(tenant, refreshToken, clientId).blockOptional(Duration.ofSeconds(10)).isPresent();
    }

    @Test
    void expiredCodesAndSpentRefreshTokensGoAfterTheirTimeAndALiveTokenStays() {
        String tenant = newTenant("spent");
        String clientId = codeClient(tenant, "Okta").clientId();
        UUID grant = UUID.randomUUID();
        store.insertGrant(tenant, grant, clientId, "Okta", List.of("scim")).block(Duration.ofSeconds(10));
        Instant now = Instant.now();
        byte[] code = hash();
        store.insertCode(new OAuthStore.Code(tenant, code, clientId, grant, CALLBACK, null, List.of("scim"), true,
                now.plus(Duration.ofMinutes(1)))).block(Duration.ofSeconds(10));
        byte[] rotated = hash();
        byte[] current = hash();
        store.insertRefreshToken(tenant, rotated, grant, clientId).block(Duration.ofSeconds(10));
        assertThat(store.useRefreshToken(tenant, rotated, clientId).block(Duration.ofSeconds(10)).firstUse()).isTrue();
        store.insertRefreshToken(tenant, current, grant, clientId).block(Duration.ofSeconds(10));

        runAt(now.plus(Duration.ofHours(1)));
        assertThat(store.redeemCode(tenant, code).blockOptional(Duration.ofSeconds(10))).as("expired an hour ago")
                .isPresent();

        runAt(now.plus(Duration.ofDays(2)));
        assertThat(store.redeemCode(tenant, code).blockOptional(Duration.ofSeconds(10))).as("a day past its expiry")
                .isEmpty();
        assertThat(kept(tenant, rotated, clientId)).as("rotated two days ago: a replay still revokes the grant").isTrue();

        runAt(now.plus(Duration.ofDays(31)));
        assertThat(kept(tenant, rotated, clientId)).as("rotated 31 days ago").isFalse();
        assertThat(kept(tenant, current, clientId)).as("the grant's live refresh token").isTrue();

        admin(http.delete().uri("/admin/v1/tenants/{t}/tokens/{id}", tenant, grant)).exchange()
                .expectStatus().isNoContent();
        runAt(now.plus(Duration.ofDays(31)));
        assertThat(kept(tenant, current, clientId)).as("the refresh token of a grant revoked, 31 days on").isFalse();
    }
}
