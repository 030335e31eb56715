package dev.scimgateway.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import dev.scimgateway.crypto.SigningKeys;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The SET signing key read from PEM, as a Kubernetes Secret carries the key the Helm chart
 * generated: every replica then signs with the same key. The keys below are test keys made with
 * {@code openssl ecparam -name prime256v1 -genkey -noout} (SEC 1, the layout Helm's
 * {@code genPrivateKey "ecdsa"} writes too) and {@code openssl pkcs8 -topk8 -nocrypt}.
 */
class SigningKeysPemTest {

    private static final String SEC1 = """
            -----BEGIN EC PRIVATE KEY-----
            MHcCAQEEIBkAKJ+TAY95sijQs526jR0MAHBDtvIdxyYQCp5u+ayUoAoGCCqGSM49
            AwEHoUQDQgAEE7A0sqJUFBaaA0Q2cLUEnc9S2uf/V3gVQi0zFeknYTY7h1K2Wc/w
            eG7K2nvWx9noErzp44qJazfL0dy7ZHKbJw==
            -----END EC PRIVATE KEY-----
            """;
    /** The same key as {@link #SEC1}, wrapped in PKCS #8. */
    private static final String PKCS8 = """
            -----BEGIN PRIVATE KEY-----
            MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgGQAon5MBj3myKNCz
            nbqNHQwAcEO28h3HJhAKnm75rJShRANCAAQTsDSyolQUFpoDRDZwtQSdz1La5/9X
            eBVCLTMV6SdhNjuHUrZZz/B4bsrae9bH2egSvOnjiolrN8vR3Ltkcpsn
            -----END PRIVATE KEY-----
            """;
    private static final String OTHER_SEC1 = """
            -----BEGIN EC PRIVATE KEY-----
            MHcCAQEEIFSN/jG62srxLxHC6QsN78ohBFaq+FxQr1HkWT5cfD6uoAoGCCqGSM49
            AwEHoUQDQgAEz6p2jmnAhiWI3oeViE3sNw28UAHcpwPq7k5EMRmfNb2T5UrnL04Y
            H2I+dmToo6whvS/3E88fPRxoPzqJn4BsjQ==
            -----END EC PRIVATE KEY-----
            """;
    private static final String P384 = """
            -----BEGIN EC PRIVATE KEY-----
            MIGkAgEBBDAl1/shOR4s6YECvITN61gJ0QGG8XhnF+80WNHEoffMtZCayP6kBWuW
            PFkyXgssIbCgBwYFK4EEACKhZANiAARhBBc4zht/AHTJOMTnBIQRTyqglihyv14T
            ph7ThEX2A+AYmSCpxVt8g2En0/+9PZubTvJEAt3ZuQ1FvbpHbnGQSEtnjXKBIMnQ
            EKZpsdjQQimgJyQl+CfutFGSd2wfNzA=
            -----END EC PRIVATE KEY-----
            """;

    @Test
    void aPemKeySignsSetsThatItsPublishedKeyVerifies() throws Exception {
        ECKey key = SigningKeys.parse(SEC1, "SCIM_GATEWAY_EVENTS_SIGNING_KEY");
        SigningKeys keys = new SigningKeys(key, List.of());
        JWSObject set = JWSObject.parse(keys.sign(SecurityEventTokens.SECEVENT_JWT, "{\"iss\":\"https://gateway.example\"}"));

        ECKey published = (ECKey) JWKSet.parse(keys.jwks()).getKeys().get(0);
        assertThat(published.isPrivate()).isFalse();
        assertThat(set.getHeader().getKeyID()).isEqualTo(published.getKeyID()).isEqualTo(key.computeThumbprint().toString());
        assertThat(set.verify(new ECDSAVerifier(published))).isTrue();
    }

    @Test
    void sec1AndPkcs8OfOneKeyAreTheSameKey() {
        ECKey sec1 = SigningKeys.parse(SEC1, "sec1");
        ECKey pkcs8 = SigningKeys.parse(PKCS8, "pkcs8");
        assertThat(pkcs8.getKeyID()).isEqualTo(sec1.getKeyID());
        assertThat(pkcs8.getD()).isEqualTo(sec1.getD());
    }

    @Test
    void aPrivateKeyWithAnotherKeysPublicPointIsRefused() {
        // The private scalar of one key before byte 57, the public point of the other from there on.
        byte[] mine = der(SEC1);
        byte[] theirs = der(OTHER_SEC1);
        byte[] spliced = Arrays.copyOf(mine, mine.length);
        System.arraycopy(theirs, 57, spliced, 57, 64);
        String pem = "-----BEGIN EC PRIVATE KEY-----\n" + Base64.getMimeEncoder().encodeToString(spliced)
                + "\n-----END EC PRIVATE KEY-----\n";

        assertThatThrownBy(() -> SigningKeys.parse(pem, "SCIM_GATEWAY_EVENTS_SIGNING_KEY"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("SCIM_GATEWAY_EVENTS_SIGNING_KEY");
    }

    @Test
    void otherCurvesAndBrokenPemAreRefusedSayingWhatIsExpected() {
        assertThatThrownBy(() -> SigningKeys.parse(P384, "the key"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("P-256");
        assertThatThrownBy(() -> SigningKeys.parse(SEC1.replace("MHcCAQEE", "MHcCAQ"), "the key"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("the key");
        assertThatThrownBy(() -> SigningKeys.parse("-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----",
                "the key")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("EC PRIVATE KEY");
        assertThatThrownBy(() -> SigningKeys.parse(SEC1.replace("-----END EC PRIVATE KEY-----", ""), "the key"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("END EC PRIVATE KEY");
    }

    private static byte[] der(String pem) {
        String body = pem.replace("-----BEGIN EC PRIVATE KEY-----", "").replace("-----END EC PRIVATE KEY-----", "");
        return Base64.getMimeDecoder().decode(body);
    }
}
