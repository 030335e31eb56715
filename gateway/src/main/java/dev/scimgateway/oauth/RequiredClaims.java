package dev.scimgateway.oauth;

import com.nimbusds.jwt.JWTClaimsSet;
import java.util.Collection;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Whether a JWT carries the claims its trust requires. A claim holds a required value when it is
 * that value (a string, or a number or boolean written the same), or a list that contains it, such
 * as Entra's {@code roles}.
 */
final class RequiredClaims {

    private RequiredClaims() {}

    /** The first required claim the JWT does not hold; null when it holds them all. */
    static @Nullable String unmet(TrustedIssuer trust, JWTClaimsSet claims) {
        for (Map.Entry<String, String> required : trust.requiredClaims().entrySet()) {
            if (!holds(claims.getClaim(required.getKey()), required.getValue())) {
                return required.getKey();
            }
        }
        return null;
    }

    private static boolean holds(@Nullable Object claim, String value) {
        if (claim instanceof Collection<?> values) {
            return values.stream().anyMatch(element -> element != null && value.equals(element.toString()));
        }
        return (claim instanceof String || claim instanceof Number || claim instanceof Boolean)
                && value.equals(claim.toString());
    }
}
