package dev.scimgateway.oauth;

import dev.scimgateway.crypto.RandomSecrets;
import dev.scimgateway.crypto.Sha256;
import java.util.Optional;

/**
 * Codes and refresh tokens: {@code <prefix><tenant>.<256 random bits>}. The tenant travels in the
 * clear so that every statement that looks one up names its tenant; the secret part is what only
 * its holder knows, and only its hash is stored.
 */
record TenantSecrets(String prefix) {

    static final TenantSecrets CODES = new TenantSecrets("sgac_");
    static final TenantSecrets REFRESH_TOKENS = new TenantSecrets("sgrt_");

    private static final int SECRET_BYTES = 32;
    private static final int MAX_LENGTH = 200;

    /** A secret as issued and as found again. */
    record Parsed(String tenantId, byte[] hash) {}

    String issue(RandomSecrets random, String tenantId) {
        return random.text(prefix + tenantId + ".", SECRET_BYTES);
    }

    /** The tenant and the hash of a secret of this kind; empty for anything else. */
    Optional<Parsed> parse(String text) {
        if (text.length() > MAX_LENGTH || !text.startsWith(prefix)) {
            return Optional.empty();
        }
        int dot = text.indexOf('.', prefix.length());
        if (dot <= prefix.length() || dot == text.length() - 1) {
            return Optional.empty();
        }
        return Optional.of(new Parsed(text.substring(prefix.length(), dot), Sha256.digest(text)));
    }
}
