package dev.scimgateway.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Sealed secrets open for their own key and context only, and a changed byte opens nothing. */
class SecretBoxTest {

    private static final RandomSecrets RANDOM = new RandomSecrets();
    private final SecretBox box = new SecretBox(key(1), RANDOM);

    @Test
    void opensWhatItSealedAndNeverShowsItInTheSealedForm() {
        byte[] sealed = box.seal("client-secret-ünïcode", "tenant:acme");
        assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("client-secret");
        assertThat(box.open(sealed, "tenant:acme")).contains("client-secret-ünïcode");
        assertThat(box.seal("client-secret-ünïcode", "tenant:acme")).as("a fresh nonce each time").isNotEqualTo(sealed);
    }

    @Test
    void anotherContextAnotherKeyOrAChangedByteOpensNothing() {
        byte[] sealed = box.seal("s3cret", "tenant:acme");
        assertThat(box.open(sealed, "tenant:evil")).isEmpty();
        assertThat(new SecretBox(key(2), RANDOM).open(sealed, "tenant:acme")).isEmpty();
        for (int i = 0; i < sealed.length; i++) {
            byte[] changed = sealed.clone();
            changed[i] ^= 1;
            assertThat(box.open(changed, "tenant:acme")).as("byte %d changed", i).isEmpty();
        }
        assertThat(box.open(new byte[3], "tenant:acme")).isEmpty();
    }

    private static byte[] key(int seed) {
        byte[] key = new byte[32];
        java.util.Arrays.fill(key, (byte) seed);
        return key;
    }
}
