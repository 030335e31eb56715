package dev.scimgateway.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scimgateway.support.GatewayTest;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Issue 17, many tenants: a replica keeps at most its bound of token states however many tokens
 * there are; a token whose state was dropped is read again and admitted, and a revoked one stays
 * refused after its revoked state was dropped.
 */
class BoundedTokenRegistryTest extends GatewayTest {

    private static final int BOUND = 20;

    @Autowired
    TokenCodec codec;

    @Autowired
    TenantStore store;

    @Autowired
    LastUseTracker lastUse;

    @Test
    void keepsItsBoundAndAnswersRightForTokensItDropped() {
        String tenant = newTenant("bounded-tokens");
        List<String> tokens = new ArrayList<>();
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < 3 * BOUND; i++) {
            JsonNode issued = newToken(tenant, "connector-" + i);
            tokens.add(issued.get("token").stringValue());
            ids.add(UUID.fromString(issued.get("id").stringValue()));
        }
        TokenRegistry registry = new TokenRegistry(codec, store, lastUse, Duration.ofHours(1), Clock.systemUTC(), BOUND);
        registry.refresh().block(Duration.ofSeconds(30));
        assertThat(registry.tokensInMemory()).as("after reading every token of the database").isLessThanOrEqualTo(BOUND);

        for (int round = 0; round < 2; round++) {
            for (String token : tokens) {
                assertThat(admitted(registry, token)).as("a live token, kept or read again").isTrue();
            }
            assertThat(registry.tokensInMemory()).isLessThanOrEqualTo(BOUND);
        }

        admin(http.delete().uri("/admin/v1/tenants/{t}/tokens/{id}", tenant, ids.get(0))).exchange()
                .expectStatus().isNoContent();
        registry.refresh().block(Duration.ofSeconds(30));
        assertThat(admitted(registry, tokens.get(0))).isFalse();
        // Every other token used again pushes the revoked state out; the token must stay refused.
        for (String token : tokens.subList(1, tokens.size())) {
            assertThat(admitted(registry, token)).isTrue();
        }
        assertThat(admitted(registry, tokens.get(0))).as("revoked, after its state was dropped").isFalse();
    }

    private static boolean admitted(TokenRegistry registry, String token) {
        return registry.authenticate(token, TokenScopes.Use.SCIM_WRITE, refused -> { })
                .blockOptional(Duration.ofSeconds(10)).isPresent();
    }
}
