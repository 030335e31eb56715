package dev.scimgateway.crypto;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The gateway's ES256 (P-256) keys: the change feed's SETs and the OAuth access tokens are signed
 * with the current key, and its public part is published in the JWKS beside those of previous keys,
 * so that a receiver still verifies what was signed before a rotation. Every key's {@code kid} is
 * its RFC 7638 thumbprint. The two uses share the keys but never a token type: each signs with its
 * own {@code typ} (RFC 8725 §3.11), and each verifier requires its own.
 */
public final class SigningKeys {

    private final ECKey current;
    private final ECDSASigner signer;
    private final String jwks;
    /** The verifier of each published key, by kid. */
    private final Map<String, JWSVerifier> verifiers = new HashMap<>();

    public SigningKeys(ECKey current, List<JWK> previous) {
        this.current = current;
        try {
            this.signer = new ECDSASigner(current);
        } catch (JOSEException e) {
            throw new IllegalArgumentException("The signing key cannot sign ES256: " + e.getMessage(), e);
        }
        // A DRBG seeded once, here: the platform default reads /dev/urandom on every signature, a file read
        // on an event-loop thread.
        signer.getJCAContext().setSecureRandom(seededRandom());
        List<JWK> published = new ArrayList<>();
        published.add(current.toPublicJWK());
        previous.stream().map(JWK::toPublicJWK).filter(key -> !key.getKeyID().equals(current.getKeyID()))
                .forEach(published::add);
        this.jwks = new JWKSet(published).toString(true);
        for (JWK key : published) {
            if (key instanceof ECKey ec) {
                try {
                    verifiers.put(key.getKeyID(), new ECDSAVerifier(ec));
                } catch (JOSEException e) {
                    throw new IllegalArgumentException("Key " + key.getKeyID() + " cannot verify ES256: " + e.getMessage(), e);
                }
            }
        }
    }

    /** A new P-256 key for signing. */
    public static ECKey generate() {
        try {
            return withThumbprint(new ECKeyGenerator(Curve.P_256).keyUse(KeyUse.SIGNATURE).generate());
        } catch (JOSEException e) {
            throw new IllegalStateException("Could not generate a P-256 key", e);
        }
    }

    /**
     * A key given as a JWK (JSON), or as PEM (what a Helm chart can generate into a Secret that
     * every replica shares); its kid becomes its thumbprint when it has none.
     */
    public static ECKey parse(String jwk, String what) {
        if (P256PrivateKeyPem.isPem(jwk)) {
            return fromPem(P256PrivateKeyPem.read(jwk, what), what);
        }
        try {
            JWK key = JWK.parse(jwk.strip());
            if (!(key instanceof ECKey ec) || !Curve.P_256.equals(ec.getCurve())) {
                throw new IllegalArgumentException(what + " must be an EC P-256 JWK (ES256)");
            }
            return ec.getKeyID() == null ? withThumbprint(ec) : ec;
        } catch (ParseException | JOSEException e) {
            throw new IllegalArgumentException(what + " is not a JWK: " + e.getMessage(), e);
        }
    }

    /** Nimbus refuses a point off the curve; a probe signature shows that the point is the key's own. */
    private static ECKey fromPem(P256PrivateKeyPem pem, String what) {
        try {
            ECKey key = new ECKey.Builder(Curve.P_256, Base64URL.encode(pem.x()), Base64URL.encode(pem.y()))
                    .d(Base64URL.encode(pem.d())).build();
            JWSObject probe = new JWSObject(new JWSHeader(JWSAlgorithm.ES256), new Payload("probe"));
            probe.sign(new ECDSASigner(key));
            if (!probe.verify(new ECDSAVerifier(key.toPublicJWK()))) {
                throw new IllegalArgumentException(what + ": the private key does not belong to its public point");
            }
            return withThumbprint(key);
        } catch (JOSEException | IllegalStateException e) {
            throw new IllegalArgumentException(what + " is not a usable P-256 key: " + e.getMessage(), e);
        }
    }

    private static ECKey withThumbprint(ECKey key) throws JOSEException {
        return new ECKey.Builder(key).keyIDFromThumbprint().keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.ES256).build();
    }

    private static SecureRandom seededRandom() {
        try {
            SecureRandom random = SecureRandom.getInstance("DRBG");
            random.nextBytes(new byte[32]);
            return random;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("No DRBG SecureRandom", e);
        }
    }

    /** The JWKS document: the public keys only. */
    public String jwks() {
        return jwks;
    }

    public String keyId() {
        return current.getKeyID();
    }

    /** The claims signed with the current key, with the header {@code typ} given. */
    public String sign(JOSEObjectType type, String claimsJson) {
        JWSObject jws = new JWSObject(new JWSHeader.Builder(JWSAlgorithm.ES256).type(type)
                .keyID(current.getKeyID()).build(), new Payload(claimsJson));
        try {
            jws.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("Could not sign a " + type + " token", e);
        }
        return jws.serialize();
    }

    /**
     * Whether {@code jws} is ES256 of the type given and its signature verifies under one of the
     * published keys, named by its kid. Anything else (another algorithm, {@code none}, an unknown
     * kid, another type) is false: the header never chooses how it is verified.
     */
    public boolean verifies(JWSObject jws, JOSEObjectType type) {
        JWSHeader header = jws.getHeader();
        if (!JWSAlgorithm.ES256.equals(header.getAlgorithm()) || !type.equals(header.getType())
                || header.getKeyID() == null) {
            return false;
        }
        JWSVerifier verifier = verifiers.get(header.getKeyID());
        try {
            return verifier != null && jws.verify(verifier);
        } catch (JOSEException e) {
            return false;
        }
    }
}
