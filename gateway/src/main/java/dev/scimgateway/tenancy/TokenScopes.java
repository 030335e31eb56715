package dev.scimgateway.tenancy;

import dev.scimgateway.scim.protocol.ScimException;
import java.util.Collection;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What a token may do. {@code scim}: everything on SCIM; {@code scim.read}: GET and searches only,
 * for a token that checks what arrived and must not change it; {@code events}: the change feed
 * (stream management and polling), for a receiver that must not provision. A token may hold
 * several; a token without {@code scim} or {@code scim.read} cannot reach the SCIM API at all.
 */
public final class TokenScopes {

    public static final String SCIM = "scim";
    public static final String SCIM_READ = "scim.read";
    public static final String EVENTS = "events";
    public static final List<String> ALL = List.of(SCIM, SCIM_READ, EVENTS);
    public static final List<String> DEFAULT = List.of(SCIM);

    /** What a request does with its token, as the edge classified it. */
    public enum Use {
        SCIM_READ, SCIM_WRITE, EVENTS
    }

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

    /** Why a token with these scopes may not be used so (the 403's detail); null when it may. */
    static @Nullable String refusal(Collection<String> scopes, Use use) {
        return switch (use) {
            case EVENTS -> scopes.contains(EVENTS) ? null
                    : "The token has no 'events' scope: it cannot manage or poll event streams; create a token with"
                            + " \"scopes\":[\"events\"] for the event receiver";
            case SCIM_READ, SCIM_WRITE -> {
                if (!scopes.contains(SCIM) && !scopes.contains(SCIM_READ)) {
                    yield "The token is an events token (scope 'events'): it reads the change feed and cannot use the"
                            + " SCIM API; use a token with the scope 'scim'";
                }
                yield use == Use.SCIM_WRITE && readOnly(scopes)
                        ? "The token's scope is 'scim.read': it may read (GET, searches) but not write; use a token"
                                + " with the scope 'scim'"
                        : null;
            }
        };
    }
}
