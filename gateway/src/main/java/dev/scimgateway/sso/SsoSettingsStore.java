package dev.scimgateway.sso;

import reactor.core.publisher.Mono;

/** Where each tenant's OpenID provider settings are kept, the client secret sealed. Errors arrive as signals. */
public interface SsoSettingsStore {

    /** The settings with their sealed client secret. */
    record Stored(SsoSettings settings, byte[] sealedSecret) {}

    /** Creates or replaces the tenant's settings; the stored {@code updatedAt} is the database's clock. */
    Mono<SsoSettings> put(SsoSettings settings, byte[] sealedSecret);

    Mono<Stored> find(String tenantId);

    /** Emits false when the tenant had none. */
    Mono<Boolean> delete(String tenantId);
}
