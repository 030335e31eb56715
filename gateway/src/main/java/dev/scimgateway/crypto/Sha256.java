package dev.scimgateway.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * SHA-256 and HMAC-SHA256 over byte parts, in order. Every JVM ships both (the Java SE spec
 * requires them), so their absence is a broken runtime, not an error a request can cause.
 */
public final class Sha256 {

    private static final String DIGEST = "SHA-256";
    private static final String HMAC = "HmacSHA256";
    /**
     * Every request's bearer token is hashed to be looked up, and {@code getInstance} searches the
     * security providers each time (half of the digest's cost); a clone of one fresh digest does not.
     */
    private static final MessageDigest FRESH = fresh();

    private Sha256() {}

    /** The digest of the parts, as if they were one array. */
    public static byte[] digest(byte[]... parts) {
        MessageDigest digest = copyOfFresh();
        for (byte[] part : parts) {
            digest.update(part);
        }
        return digest.digest();
    }

    /** The digest of the text's UTF-8 bytes. */
    public static byte[] digest(String text) {
        return digest(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The HMAC of the parts, as if they were one array, under {@code key}. */
    public static byte[] hmac(byte[] key, byte[]... parts) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(key, HMAC));
            for (byte[] part : parts) {
                mac.update(part);
            }
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw missing(HMAC, e);
        }
    }

    private static MessageDigest fresh() {
        try {
            return MessageDigest.getInstance(DIGEST);
        } catch (GeneralSecurityException e) {
            throw missing(DIGEST, e);
        }
    }

    private static MessageDigest copyOfFresh() {
        try {
            return (MessageDigest) FRESH.clone();
        } catch (CloneNotSupportedException e) {
            // A provider whose digest cannot be cloned: look it up each time, as before.
            return fresh();
        }
    }

    private static IllegalStateException missing(String algorithm, GeneralSecurityException e) {
        return new IllegalStateException(algorithm + " is missing from this JVM", e);
    }
}
