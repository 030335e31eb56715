package dev.scimgateway.tenancy;

import dev.scimgateway.crypto.Sha256;
import dev.scimgateway.edge.TenantPrincipal;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import java.util.UUID;

/**
 * Tenant tokens are HS256 JWTs that carry the tenant ({@code sub}) and the token id ({@code jti}),
 * so a replica can authenticate a request from memory. Nimbus compares MACs in constant time.
 */
public final class TokenCodec {

    /** The issuer of tenant tokens, so that other kinds of JWT can tell them apart. */
    public static final String ISSUER = "scim-gateway";

    private final MACSigner signer;
    private final MACVerifier verifier;

    public TokenCodec(byte[] signingKey) {
        try {
            this.signer = new MACSigner(signingKey);
            this.verifier = new MACVerifier(signingKey);
        } catch (JOSEException e) {
            throw new IllegalArgumentException("The token signing key must be at least 32 bytes", e);
        }
    }

    public String issue(String tenantId, UUID tokenId, Instant issuedAt) {
        var claims = new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .subject(tenantId)
                .jwtID(tokenId.toString())
                .issueTime(Date.from(issuedAt))
                .build();
        var jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("Signing a token failed", e);
        }
        return jwt.serialize();
    }

    /**
     * The principal the token proves, or empty when it is not a token this gateway signed; its name
     * is not in the token, and the registry adds it.
     */
    public Optional<TenantPrincipal> verify(String token) {
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            if (!JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm()) || !jwt.verify(verifier)) {
                return Optional.empty();
            }
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            if (!ISSUER.equals(claims.getIssuer()) || claims.getSubject() == null || claims.getJWTID() == null) {
                return Optional.empty();
            }
            return Optional.of(new TenantPrincipal(claims.getSubject(), UUID.fromString(claims.getJWTID()), ""));
        } catch (ParseException | JOSEException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** What the database keeps instead of the token. */
    public static byte[] hash(String token) {
        return Sha256.digest(token);
    }
}
