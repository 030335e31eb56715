package dev.scimgateway.tenancy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The persistence tenancy needs. Errors arrive as {@code ScimException} signals. */
public interface TenantStore {

    /** Fails with 409 when the id is taken. */
    Mono<Tenant> createTenant(String id, String displayName);

    Flux<Tenant> listTenants();

    Mono<Boolean> tenantExists(String tenantId);

    /** Completes when the tenant exists, fails with 404 otherwise. */
    default Mono<Void> requireTenant(String tenantId) {
        return tenantExists(tenantId).flatMap(exists -> exists ? Mono.<Void>empty()
                : Mono.error(dev.scimgateway.scim.protocol.ScimException.notFound("Tenant '" + tenantId + "' does not exist")));
    }

    /** Fails with 409 when the tenant already has an active token of that name. */
    Mono<TenantToken> insertToken(String tenantId, UUID tokenId, String name, byte[] tokenHash, List<String> scopes,
            @Nullable Instant expiresAt);

    Flux<TenantToken> listTokens(String tenantId);

    /** Emits false when the tenant has no such active token. */
    Mono<Boolean> revokeToken(String tenantId, UUID tokenId);

    Flux<TokenState> tokensChangedSince(Instant since);

    Mono<TokenState> findToken(UUID tokenId);

    /** Tenants whose limits or extension schemas changed after {@code since}. */
    Flux<SettingsChange> settingsChangedSince(Instant since);

    Mono<Void> recordLastUse(Map<UUID, Instant> lastUse);

    /** Fails with 409 when the tenant already has an active admin key of that name. */
    Mono<AdminKey> insertAdminKey(String tenantId, UUID keyId, String name, byte[] keyHash);

    Flux<AdminKey> listAdminKeys(String tenantId);

    /** Emits false when the tenant has no such active key. */
    Mono<Boolean> revokeAdminKey(String tenantId, UUID keyId);

    /** The active key with this hash; empty when there is none or it is revoked. */
    Mono<AdminKey> findActiveAdminKey(byte[] keyHash);
}
