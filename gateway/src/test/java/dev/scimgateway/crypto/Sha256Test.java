package dev.scimgateway.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class Sha256Test {

    /** FIPS 180-2, appendix B.1. */
    private static final String ABC = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

    @Test
    void eachDigestStartsFresh() {
        assertThat(HexFormat.of().formatHex(Sha256.digest("abc"))).isEqualTo(ABC);
        Sha256.digest("something before");
        assertThat(HexFormat.of().formatHex(Sha256.digest("abc"))).isEqualTo(ABC);
    }

    @Test
    void partsAreDigestedAsOneArray() {
        assertThat(Sha256.digest("a".getBytes(StandardCharsets.UTF_8), "bc".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(Sha256.digest("abc"));
    }

    @Test
    void threadsDigestingAtOnceGetTheirOwnAnswers() {
        List<String> digests = IntStream.range(0, 10_000).parallel()
                .mapToObj(i -> HexFormat.of().formatHex(Sha256.digest(i % 2 == 0 ? "abc" : "token-" + i)))
                .toList();

        assertThat(IntStream.range(0, digests.size()).filter(i -> i % 2 == 0).mapToObj(digests::get)).containsOnly(ABC);
        assertThat(digests.get(1)).isEqualTo(HexFormat.of().formatHex(Sha256.digest("token-1")));
    }
}
