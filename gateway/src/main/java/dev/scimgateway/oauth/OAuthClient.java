package dev.scimgateway.oauth;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A registered client, never its secret.
 *
 * @param tenantId its tenant; null for a deployment-wide client, whose tenant is that of the admin who authorizes it
 * @param credentialsGrantId the grant its client_credentials tokens belong to; null without that grant type
 */
public record OAuthClient(String clientId, @Nullable String tenantId, String name, byte[] secretHash,
        List<String> redirectUris, List<String> grantTypes, @Nullable UUID credentialsGrantId, Instant createdAt) {

    public static final String AUTHORIZATION_CODE = "authorization_code";
    public static final String REFRESH_TOKEN = "refresh_token";
    public static final String CLIENT_CREDENTIALS = "client_credentials";
    public static final List<String> GRANT_TYPES = List.of(AUTHORIZATION_CODE, REFRESH_TOKEN, CLIENT_CREDENTIALS);

    public OAuthClient {
        redirectUris = List.copyOf(redirectUris);
        grantTypes = List.copyOf(grantTypes);
    }

    public boolean allows(String grantType) {
        return grantTypes.contains(grantType);
    }

    /** Whether an admin of {@code tenant} may authorize it: its own tenant's client, or a deployment-wide one. */
    public boolean serves(String tenant) {
        return tenantId == null || tenantId.equals(tenant);
    }
}
