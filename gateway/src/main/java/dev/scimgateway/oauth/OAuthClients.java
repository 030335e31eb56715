package dev.scimgateway.oauth;

import com.nimbusds.oauth2.sdk.auth.ClientAuthentication;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.ClientSecretPost;
import com.nimbusds.oauth2.sdk.auth.Secret;
import dev.scimgateway.crypto.RandomSecrets;
import dev.scimgateway.crypto.Sha256;
import dev.scimgateway.scim.protocol.ScimException;
import dev.scimgateway.tenancy.TenantStore;
import dev.scimgateway.tenancy.TenantTokens;
import dev.scimgateway.tenancy.TokenRegistry;
import dev.scimgateway.tenancy.TokenState;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Registered OAuth clients: registered, listed and deleted the same way whether the admin API or
 * the console asks, and authenticated at the token and revocation endpoints. The secret is shown
 * once; only its hash is kept, and it is 256 random bits, so a hash compared in constant time is
 * as good as the secret.
 */
public final class OAuthClients {

    private static final int SECRET_BYTES = 32;
    private static final int ID_BYTES = 12;

    /** What an admin asks to register. */
    public record Registration(String name, List<String> redirectUris, List<String> grantTypes, @Nullable String oktaApp) {}

    /** A client just registered, with the secret that is never shown again. */
    public record Registered(OAuthClient client, String secret) {}

    private final OAuthStore store;
    private final TenantStore tenants;
    private final TokenRegistry registry;
    private final RandomSecrets random;

    public OAuthClients(OAuthStore store, TenantStore tenants, TokenRegistry registry, RandomSecrets random) {
        this.store = store;
        this.tenants = tenants;
        this.registry = registry;
        this.random = random;
    }

    /** @param tenantId null for a deployment-wide client (the operator's) */
    public Mono<Registered> register(@Nullable String tenantId, Registration asked) {
        Mono<Void> tenant = tenantId == null ? Mono.empty() : tenants.requireTenant(tenantId);
        return tenant.then(Mono.fromCallable(() -> checked(tenantId, asked))).flatMap(client -> {
            String secret = random.text("sgcs_", SECRET_BYTES);
            OAuthClient withSecret = new OAuthClient(client.clientId(), tenantId, client.name(), Sha256.digest(secret),
                    client.redirectUris(), client.grantTypes(), client.credentialsGrantId(), Instant.EPOCH);
            return store.insertClient(withSecret).map(saved -> {
                if (saved.credentialsGrantId() != null && tenantId != null) {
                    registry.remember(new TokenState(saved.credentialsGrantId(), tenantId, saved.name(), new byte[0],
                            false, Instant.EPOCH, null, OAuthScopes.GRANTED));
                }
                return new Registered(saved, secret);
            });
        });
    }

    public Flux<OAuthClient> list(@Nullable String tenantId) {
        return (tenantId == null ? Mono.<Void>empty() : tenants.requireTenant(tenantId)).thenMany(store.listClients(tenantId));
    }

    /** Revokes every grant of the client with it: on every replica within the token refresh interval. */
    public Mono<Void> delete(@Nullable String tenantId, String clientId) {
        return (tenantId == null ? Mono.<Void>empty() : tenants.requireTenant(tenantId))
                .then(store.deleteClient(tenantId, clientId))
                .flatMap(deleted -> deleted ? Mono.<Void>empty() : Mono.error(ScimException.notFound(
                        (tenantId == null ? "There is no deployment-wide" : "Tenant '" + tenantId + "' has no")
                                + " OAuth client " + clientId)));
    }

    public Mono<OAuthClient> find(String clientId) {
        return store.findClient(clientId);
    }

    /** The client that the request's credentials prove; an {@code invalid_client} signal otherwise. */
    Mono<OAuthClient> authenticate(@Nullable ClientAuthentication credentials) {
        Secret secret = credentials instanceof ClientSecretBasic basic ? basic.getClientSecret()
                : credentials instanceof ClientSecretPost post ? post.getClientSecret() : null;
        if (credentials == null || secret == null) {
            return Mono.error(OAuthRefusal.invalidClient("Authenticate the client with its id and secret:"
                    + " client_secret_basic or client_secret_post"));
        }
        byte[] presented = Sha256.digest(secret.getValue());
        return store.findClient(credentials.getClientID().getValue())
                .filter(client -> MessageDigest.isEqual(client.secretHash(), presented))
                .switchIfEmpty(Mono.error(() -> OAuthRefusal.invalidClient("The client id or secret is wrong")));
    }

    private OAuthClient checked(@Nullable String tenantId, Registration asked) {
        String name = asked.name().strip();
        if (name.isEmpty() || name.length() > TenantTokens.MAX_NAME_LENGTH) {
            throw ScimException.invalidValue("'name' is required: 1 to " + TenantTokens.MAX_NAME_LENGTH + " characters");
        }
        List<String> grantTypes = asked.grantTypes().isEmpty()
                ? List.of(OAuthClient.AUTHORIZATION_CODE, OAuthClient.REFRESH_TOKEN)
                : OAuthClient.GRANT_TYPES.stream().filter(asked.grantTypes()::contains).toList();
        for (String type : asked.grantTypes()) {
            if (!OAuthClient.GRANT_TYPES.contains(type)) {
                throw ScimException.invalidValue("Unknown grant type '" + type + "'; the grant types are "
                        + String.join(", ", OAuthClient.GRANT_TYPES));
            }
        }
        List<String> redirectUris = RedirectUris.registered(asked.redirectUris(), asked.oktaApp());
        if (grantTypes.contains(OAuthClient.AUTHORIZATION_CODE) && redirectUris.isEmpty()) {
            throw ScimException.invalidValue("The authorization_code grant needs 'redirectUris' (or 'oktaApp')");
        }
        boolean credentials = grantTypes.contains(OAuthClient.CLIENT_CREDENTIALS);
        if (credentials && tenantId == null) {
            throw ScimException.invalidValue("A deployment-wide client cannot use client_credentials: nothing would"
                    + " name its tenant; register it for the tenant instead");
        }
        return new OAuthClient(random.text("sgc_", ID_BYTES), tenantId, name, new byte[0], redirectUris, grantTypes,
                credentials ? UUID.randomUUID() : null, Instant.EPOCH);
    }
}
