package dev.scimgateway.tenancy;

import dev.scimgateway.crypto.RandomSecrets;
import dev.scimgateway.scim.protocol.ScimException;
import java.security.MessageDigest;
import java.util.UUID;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The operator's admin token and the tenant admin keys: issued, listed, revoked, and checked for
 * the admin API and the console alike. A key is 256 random bits, so its SHA-256 is both what is
 * kept and how it is found; it is checked against the database on every use, which makes a
 * revocation take effect at once on every replica.
 */
public final class AdminKeys {

    /** Tells an admin key from the operator token and from a SCIM token at a glance, in a log or a leak scanner. */
    public static final String PREFIX = "sgak_";
    private static final int SECRET_BYTES = 32;

    /** A key just issued, with the secret that is never shown again. */
    public record Issued(AdminKey key, String secret) {}

    private final byte[] operatorTokenHash;
    private final TenantStore store;
    private final RandomSecrets random;

    public AdminKeys(String operatorToken, TenantStore store, RandomSecrets random) {
        this.operatorTokenHash = TokenCodec.hash(operatorToken);
        this.store = store;
        this.random = random;
    }

    /** Who the credential proves; empty when it proves no one. */
    public Mono<AdminPrincipal> authenticate(String credential) {
        // Hashes compared in constant time, so timing does not give the operator token away.
        if (MessageDigest.isEqual(operatorTokenHash, TokenCodec.hash(credential))) {
            return Mono.just(AdminPrincipal.OPERATOR);
        }
        if (!credential.startsWith(PREFIX)) {
            return Mono.empty();
        }
        return store.findActiveAdminKey(TokenCodec.hash(credential))
                .map(key -> new AdminPrincipal(key.tenantId(), key.id(), key.name()));
    }

    public Mono<Issued> issue(String tenantId, String name) {
        return store.requireTenant(tenantId).then(Mono.defer(() -> {
            if (name.isBlank() || name.length() > TenantTokens.MAX_NAME_LENGTH) {
                return Mono.error(ScimException.invalidValue("'name' is required: 1 to " + TenantTokens.MAX_NAME_LENGTH
                        + " characters"));
            }
            String secret = random.text(PREFIX, SECRET_BYTES);
            return store.insertAdminKey(tenantId, UUID.randomUUID(), name, TokenCodec.hash(secret))
                    .map(key -> new Issued(key, secret));
        }));
    }

    public Flux<AdminKey> list(String tenantId) {
        return store.requireTenant(tenantId).thenMany(store.listAdminKeys(tenantId));
    }

    /** Effective for the next request on any replica, console sessions included; 404 when there is no such active key. */
    public Mono<Void> revoke(String tenantId, UUID keyId) {
        return store.requireTenant(tenantId)
                .then(store.revokeAdminKey(tenantId, keyId))
                .flatMap(revoked -> revoked ? Mono.<Void>empty()
                        : Mono.error(ScimException.notFound("Tenant '" + tenantId + "' has no active admin key " + keyId)));
    }
}
