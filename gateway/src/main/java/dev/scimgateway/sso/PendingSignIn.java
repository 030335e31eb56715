package dev.scimgateway.sso;

import dev.scimgateway.crypto.SecretBox;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * A sign-in between its start and the provider's answer: the state, nonce and PKCE verifier the
 * gateway made, kept in the browser that started it, sealed, so that no replica needs to remember
 * it and an attacker can neither read the verifier nor make a browser finish someone else's
 * sign-in (the state in the answer must match the one in this browser).
 */
record PendingSignIn(String tenantId, String state, String nonce, String verifier, Instant expiresAt) {

    private static final String CONTEXT = "scim-gateway sso pending sign-in v1";

    String seal(SecretBox box) {
        String fields = String.join("\n", tenantId, state, nonce, verifier, String.valueOf(expiresAt.getEpochSecond()));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(box.seal(fields, CONTEXT));
    }

    /** The sign-in this browser started, or empty when the text is not one this gateway sealed, or it has expired. */
    static Optional<PendingSignIn> open(String sealed, SecretBox box, Instant now) {
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(sealed.getBytes(StandardCharsets.US_ASCII));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        return box.open(bytes, CONTEXT)
                .map(fields -> fields.split("\n", -1))
                .filter(fields -> fields.length == 5)
                .map(fields -> new PendingSignIn(fields[0], fields[1], fields[2], fields[3],
                        Instant.ofEpochSecond(Long.parseLong(fields[4]))))
                .filter(pending -> now.isBefore(pending.expiresAt()));
    }
}
