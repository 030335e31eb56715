package dev.scimgateway.config;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

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
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(bytes, "HmacSHA256"));
            return mac.doFinal(label.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
        }
    }
}
