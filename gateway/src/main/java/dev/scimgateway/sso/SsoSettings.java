package dev.scimgateway.sso;

import java.time.Instant;

/**
 * A tenant's OpenID provider for console sign-in, as anyone may see it: never the client secret.
 *
 * @param issuer the provider's issuer identifier; its metadata is at
 *     {@code <issuer>/.well-known/openid-configuration}, and every ID token must carry it as {@code iss}
 * @param displayName what the sign-in button says: "Sign in with {@code displayName}"
 */
public record SsoSettings(String tenantId, String issuer, String clientId, String displayName, AllowedSignIns allowed,
        Instant updatedAt) {}
