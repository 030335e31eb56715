package dev.scimgateway.config;

import dev.scimgateway.crypto.Sha256;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The gateway's one secret key. Tokens are signed with it; other uses (cursors) get keys derived
 * from it under their own label, so that no two uses ever share a key.
 */
record SigningKey(byte[] bytes) {

    static SigningKey fromBase64(String text) {
        try {
            byte[] bytes = Base64.getUrlDecoder().decode(text.strip().replace('+', '-').replace('/', '_').replace("=", ""));
            if (bytes.length < 32) {
                throw new IllegalArgumentException("too short");
            }
            return new SigningKey(bytes);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("SCIM_GATEWAY_TOKEN_SIGNING_KEY must be base64 of 32 bytes or more", e);
        }
    }

    byte[] derive(String label) {
        return Sha256.hmac(bytes, label.getBytes(StandardCharsets.UTF_8));
    }
}
