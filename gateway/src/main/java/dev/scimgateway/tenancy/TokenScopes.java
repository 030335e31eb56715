package dev.scimgateway.tenancy;

import dev.scimgateway.scim.protocol.ScimException;
import java.util.Collection;
import java.util.List;

/**
 * What a token may do on SCIM. {@code scim}: everything; {@code scim.read}: GET and searches only,
 * for a token that checks what arrived and must not change it. More scopes (the change feed's
 * {@code events}) come with the features they guard.
 */
public final class TokenScopes {

    public static final String SCIM = "scim";
    public static final String SCIM_READ = "scim.read";
    public static final List<String> ALL = List.of(SCIM, SCIM_READ);
    public static final List<String> DEFAULT = List.of(SCIM);

    private TokenScopes() {}

    /** The scopes asked for, checked, without repeats; the default when none are. */
    public static List<String> of(Collection<String> asked) {
        if (asked.isEmpty()) {
            return DEFAULT;
        }
        for (String scope : asked) {
            if (!ALL.contains(scope)) {
                throw ScimException.invalidValue("Unknown scope '" + scope + "'; the scopes are " + String.join(", ", ALL));
            }
        }
        return ALL.stream().filter(asked::contains).toList();
    }

    static boolean readOnly(Collection<String> scopes) {
        return !scopes.contains(SCIM);
    }
}
