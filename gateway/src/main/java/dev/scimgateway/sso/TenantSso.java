package dev.scimgateway.sso;

import dev.scimgateway.crypto.SecretBox;
import dev.scimgateway.scim.protocol.ScimException;
import dev.scimgateway.tenancy.TenantStore;
import java.time.Clock;
import reactor.core.publisher.Mono;

/**
 * A tenant's OpenID provider settings: set, read and removed, for the admin API and the console
 * alike. The client secret is a credential the gateway must present to the provider, so it cannot
 * be kept as a hash; it is sealed ({@link SecretBox}) for this tenant, and no answer ever carries it.
 */
public final class TenantSso {

    /** The settings with the client secret, for the sign-in alone. */
    record Credentials(SsoSettings settings, String clientSecret) {}

    private final SsoSettingsStore store;
    private final TenantStore tenants;
    private final SecretBox box;
    private final Clock clock;

    public TenantSso(SsoSettingsStore store, TenantStore tenants, SecretBox box, Clock clock) {
        this.store = store;
        this.tenants = tenants;
        this.box = box;
        this.clock = clock;
    }

    /** Creates or replaces the settings; without a new secret the stored one stays (400 when there is none). */
    public Mono<SsoSettings> configure(String tenantId, SsoChange change) {
        return tenants.requireTenant(tenantId)
                .then(Mono.fromCallable(() -> change.settings(tenantId, clock.instant())))
                .flatMap(settings -> sealedSecret(tenantId, change)
                        .switchIfEmpty(Mono.error(() -> ScimException.invalidValue("'clientSecret' is required: the"
                                + " provider gave it with the client id")))
                        .flatMap(sealed -> store.put(settings, sealed)));
    }

    /** Empty when the tenant has none; 404 when there is no such tenant. */
    public Mono<SsoSettings> settings(String tenantId) {
        return tenants.requireTenant(tenantId).then(store.find(tenantId)).map(SsoSettingsStore.Stored::settings);
    }

    /** Ends the tenant's single sign-on, and with it the sessions it started; 404 when it had none. */
    public Mono<Void> remove(String tenantId) {
        return tenants.requireTenant(tenantId)
                .then(store.delete(tenantId))
                .flatMap(deleted -> deleted ? Mono.<Void>empty()
                        : Mono.error(ScimException.notFound("Tenant '" + tenantId + "' has no single sign-on set up")));
    }

    /** For a sign-in: the settings and the opened secret; a refusal when there are none or the secret does not open. */
    Mono<Credentials> credentials(String tenantId) {
        return store.find(tenantId)
                .switchIfEmpty(Mono.error(() -> SsoRefusal.notConfigured(tenantId)))
                .flatMap(stored -> box.open(stored.sealedSecret(), context(tenantId))
                        .map(secret -> Mono.just(new Credentials(stored.settings(), secret)))
                        // Sealed under another signing key (it was rotated): only a new secret helps.
                        .orElseGet(() -> Mono.error(SsoRefusal.providerFailed(stored.settings().displayName(),
                                "the client secret stored for it cannot be read with this gateway's key; an admin of the"
                                        + " tenant must enter it again"))));
    }

    private Mono<byte[]> sealedSecret(String tenantId, SsoChange change) {
        return Mono.fromCallable(change::secret)
                .map(secret -> box.seal(secret, context(tenantId)))
                .switchIfEmpty(Mono.defer(() -> store.find(tenantId).map(SsoSettingsStore.Stored::sealedSecret)));
    }

    /** The secret opens for this tenant's row only. */
    private static String context(String tenantId) {
        return "scim-gateway sso client secret v1:" + tenantId;
    }
}
