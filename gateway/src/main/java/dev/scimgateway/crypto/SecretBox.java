package dev.scimgateway.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Optional;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Secrets the gateway must be able to present again, kept at rest: AES-256-GCM under a key that
 * configuration derives from the gateway's signing key. A secret is sealed for one purpose
 * ({@code context}, such as {@code "sso client secret:acme"}); a sealed value copied to another
 * row or another tenant does not open there, because the context is authenticated with it.
 * A value that does not open (another key, a changed byte, another context) is empty, never an
 * exception: the caller says what that means to its user.
 */
public final class SecretBox {

    private static final byte VERSION = 1;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final String CIPHER = "AES/GCM/NoPadding";

    private final SecretKeySpec key;
    private final RandomSecrets random;

    /** @param key 32 bytes: AES-256 */
    public SecretBox(byte[] key, RandomSecrets random) {
        if (key.length != 32) {
            throw new IllegalArgumentException("A secret box needs a 32-byte key");
        }
        this.key = new SecretKeySpec(key.clone(), "AES");
        this.random = random;
        // The first use of a cipher loads its provider; that happens here, at start-up, not on a request.
        open(seal("warm-up", "warm-up"), "warm-up");
    }

    /** {@code secret} sealed for {@code context}: a version byte, a fresh nonce, the ciphertext and its tag. */
    public byte[] seal(String secret, String context) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.generator().nextBytes(nonce);
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, nonce, context);
            byte[] sealed = cipher.doFinal(secret.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[1 + NONCE_BYTES + sealed.length];
            out[0] = VERSION;
            System.arraycopy(nonce, 0, out, 1, NONCE_BYTES);
            System.arraycopy(sealed, 0, out, 1 + NONCE_BYTES, sealed.length);
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(CIPHER + " is missing from this JVM", e);
        }
    }

    /** The secret, or empty when {@code sealed} was not sealed by this key for this context. */
    public Optional<String> open(byte[] sealed, String context) {
        if (sealed.length < 1 + NONCE_BYTES + TAG_BITS / 8 || sealed[0] != VERSION) {
            return Optional.empty();
        }
        try {
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, Arrays.copyOfRange(sealed, 1, 1 + NONCE_BYTES), context);
            byte[] plain = cipher.doFinal(sealed, 1 + NONCE_BYTES, sealed.length - 1 - NONCE_BYTES);
            return Optional.of(new String(plain, StandardCharsets.UTF_8));
        } catch (AEADBadTagException e) {
            return Optional.empty();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(CIPHER + " is missing from this JVM", e);
        }
    }

    private Cipher cipher(int mode, byte[] nonce, String context) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance(CIPHER);
        cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
        return cipher;
    }
}
