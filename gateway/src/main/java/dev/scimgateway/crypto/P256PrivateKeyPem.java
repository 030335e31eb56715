package dev.scimgateway.crypto;

import java.util.Arrays;
import java.util.Base64;
import org.jspecify.annotations.Nullable;

/**
 * Reads a P-256 private key with its public point from PEM: {@code EC PRIVATE KEY} (SEC 1, RFC 5915,
 * what OpenSSL and Helm's {@code genPrivateKey "ecdsa"} write) or {@code PRIVATE KEY} (PKCS #8
 * wrapping SEC 1). A Kubernetes Secret can then carry a key that a chart generated, which every
 * replica shares. The JDK reads neither form with its public point, hence this small DER walk.
 *
 * @param d the private scalar, 32 bytes
 * @param x the public point's x, 32 bytes
 * @param y the public point's y, 32 bytes
 */
public record P256PrivateKeyPem(byte[] d, byte[] x, byte[] y) {

    private static final byte SEQUENCE = 0x30;
    private static final byte INTEGER = 0x02;
    private static final byte OCTET_STRING = 0x04;
    private static final byte BIT_STRING = 0x03;
    private static final byte PARAMETERS = (byte) 0xA0;
    private static final byte PUBLIC_KEY = (byte) 0xA1;
    /** The DER of the OID prime256v1 (1.2.840.10045.3.1.7), tag and length included. */
    private static final byte[] PRIME256V1 = {0x06, 0x08, 0x2A, (byte) 0x86, 0x48, (byte) 0xCE, 0x3D, 0x03, 0x01, 0x07};
    private static final int SIZE = 32;

    public static boolean isPem(String text) {
        return text.strip().startsWith("-----BEGIN ");
    }

    /** @throws IllegalArgumentException saying what is wrong, naming {@code what} */
    public static P256PrivateKeyPem read(String pem, String what) {
        String text = pem.strip();
        try {
            if (text.startsWith("-----BEGIN EC PRIVATE KEY-----")) {
                return sec1(body(text, "EC PRIVATE KEY"));
            }
            if (text.startsWith("-----BEGIN PRIVATE KEY-----")) {
                return sec1(pkcs8(body(text, "PRIVATE KEY")));
            }
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            throw new IllegalArgumentException(what + " is not a P-256 private key in PEM: " + e.getMessage(), e);
        }
        throw new IllegalArgumentException(what + " must be a PEM 'EC PRIVATE KEY' or 'PRIVATE KEY' (P-256), or a JWK");
    }

    private static byte[] body(String text, String label) {
        String begin = "-----BEGIN " + label + "-----";
        String end = "-----END " + label + "-----";
        int stop = text.indexOf(end);
        if (stop < 0) {
            throw new IllegalArgumentException("no '" + end + "' line");
        }
        return Base64.getMimeDecoder().decode(text.substring(begin.length(), stop));
    }

    /** The SEC 1 key inside PKCS #8: SEQUENCE { INTEGER 0, SEQUENCE { algorithm, curve }, OCTET STRING }. */
    private static byte[] pkcs8(byte[] der) {
        Der outer = new Der(der, 0).enter(SEQUENCE);
        Der version = outer.expect(INTEGER);
        Der algorithm = version.next().expect(SEQUENCE);
        if (!contains(algorithm.content(), PRIME256V1)) {
            throw new IllegalArgumentException("the key's curve is not P-256");
        }
        return algorithm.next().expect(OCTET_STRING).content();
    }

    /** SEQUENCE { INTEGER 1, OCTET STRING d, [0] curve OPTIONAL, [1] BIT STRING public point OPTIONAL }. */
    private static P256PrivateKeyPem sec1(byte[] der) {
        Der version = new Der(der, 0).enter(SEQUENCE).expect(INTEGER);
        Der scalar = version.next().expect(OCTET_STRING);
        byte[] d = scalar.content();
        @Nullable Der field = scalar.next();
        byte @Nullable [] point = null;
        while (field != null) {
            if (field.tag() == PARAMETERS && !Arrays.equals(field.content(), PRIME256V1)) {
                throw new IllegalArgumentException("the key's curve is not P-256");
            }
            if (field.tag() == PUBLIC_KEY) {
                point = new Der(field.content(), 0).expect(BIT_STRING).content();
            }
            field = field.next();
        }
        // A BIT STRING starts with its count of unused bits (0); an uncompressed point with 0x04.
        if (d.length != SIZE || point == null || point.length != 2 + 2 * SIZE || point[0] != 0 || point[1] != 0x04) {
            throw new IllegalArgumentException("it needs a 32-byte private key and its uncompressed public point");
        }
        return new P256PrivateKeyPem(d, Arrays.copyOfRange(point, 2, 2 + SIZE), Arrays.copyOfRange(point, 2 + SIZE,
                2 + 2 * SIZE));
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return true;
            }
        }
        return false;
    }

    /** One DER element at {@code at} of {@code der}: its tag, and where its content starts and ends. */
    private record Der(byte[] der, int at, byte tag, int start, int end) {

        Der(byte[] der, int at) {
            this(der, at, der[at], start(der, at), start(der, at) + length(der, at));
        }

        private static int start(byte[] der, int at) {
            int first = der[at + 1] & 0xFF;
            return at + 2 + (first < 0x80 ? 0 : first & 0x7F);
        }

        private static int length(byte[] der, int at) {
            int first = der[at + 1] & 0xFF;
            if (first < 0x80) {
                return first;
            }
            int count = first & 0x7F;
            if (count > 3) {
                throw new IllegalArgumentException("a DER length of " + count + " bytes");
            }
            int length = 0;
            for (int i = 0; i < count; i++) {
                length = (length << 8) | (der[at + 2 + i] & 0xFF);
            }
            return length;
        }

        Der expect(byte expected) {
            if (tag != expected || end > der.length) {
                throw new IllegalArgumentException(String.format("expected DER tag 0x%02X at byte %d", expected, at));
            }
            return this;
        }

        /** The first element inside this one. */
        Der enter(byte expected) {
            return new Der(der, expect(expected).start);
        }

        byte[] content() {
            return Arrays.copyOfRange(der, start, end);
        }

        /** The element after this one within the same parent, or null at the end of the input. */
        @Nullable Der next() {
            return end < der.length ? new Der(der, end) : null;
        }
    }
}
