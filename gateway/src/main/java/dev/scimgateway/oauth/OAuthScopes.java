package dev.scimgateway.oauth;

import com.nimbusds.oauth2.sdk.Scope;
import dev.scimgateway.tenancy.TokenScopes;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What an OAuth client may ask for: {@code scim}, which its access tokens carry, and
 * {@code offline_access}, which asks for a refresh token. Never {@code events}: the change feed's
 * receivers hold named tokens, so an OAuth client cannot read what it provisions through the feed.
 */
final class OAuthScopes {

    static final String OFFLINE_ACCESS = "offline_access";
    static final List<String> SUPPORTED = List.of(TokenScopes.SCIM, OFFLINE_ACCESS);
    /** What every access token is granted. */
    static final List<String> GRANTED = List.of(TokenScopes.SCIM);

    private OAuthScopes() {}

    /** The scopes asked for, checked; none asked means {@code scim}. */
    static List<String> asked(@Nullable Scope scope) {
        if (scope == null || scope.isEmpty()) {
            return GRANTED;
        }
        for (String value : scope.toStringList()) {
            if (!SUPPORTED.contains(value)) {
                throw OAuthRefusal.invalidScope("The scope '" + value + "' is not offered; the scopes are "
                        + String.join(" ", SUPPORTED));
            }
        }
        return scope.toStringList().contains(OFFLINE_ACCESS) ? SUPPORTED : GRANTED;
    }
}
