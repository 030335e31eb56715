package dev.scimgateway.sso;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Who the provider says signed in, from a validated ID token.
 *
 * @param emailVerified the token's {@code email_verified}; null when the provider does not send it
 *     (Entra ID does not)
 * @param groups the values of the tenant's group claim; empty when the token has none
 */
public record SignedInUser(String subject, @Nullable String email, @Nullable Boolean emailVerified, List<String> groups) {

    /** How the console names this admin: the e-mail address, or the provider's subject when there is none. */
    public String name() {
        return email != null ? email : subject;
    }
}
