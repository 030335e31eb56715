package dev.scimgateway.crypto;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Secrets made on request threads: admin keys, console sessions, masks of CSRF tokens. A DRBG is
 * seeded once, here, on the thread that builds it; after that it never reads the operating system's
 * entropy source, so an event-loop thread never waits on a file read for a random number.
 */
public final class RandomSecrets {

    private static final Base64.Encoder TEXT = Base64.getUrlEncoder().withoutPadding();

    private final SecureRandom random;

    public RandomSecrets() {
        try {
            this.random = SecureRandom.getInstance("DRBG");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("DRBG is missing from this JVM", e);
        }
        // Instantiation is lazy: the first call seeds it, which must happen now rather than on a request.
        random.nextBytes(new byte[1]);
    }

    /** {@code bytes} random bytes as URL-safe base64 text behind {@code prefix}. */
    public String text(String prefix, int bytes) {
        byte[] secret = new byte[bytes];
        random.nextBytes(secret);
        return prefix + TEXT.encodeToString(secret);
    }

    /** The generator itself, for libraries that take one (Spring Security's CSRF masking). */
    public SecureRandom generator() {
        return random;
    }
}
