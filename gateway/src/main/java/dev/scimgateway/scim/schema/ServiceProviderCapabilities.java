package dev.scimgateway.scim.schema;

import java.util.List;

/** What {@code /ServiceProviderConfig} advertises (RFC 7643 §5); the web layer fills it from configuration. */
public record ServiceProviderCapabilities(
        boolean patchSupported,
        boolean bulkSupported,
        int bulkMaxOperations,
        int bulkMaxPayloadSize,
        boolean filterSupported,
        int filterMaxResults,
        boolean changePasswordSupported,
        boolean sortSupported,
        boolean etagSupported,
        List<AuthenticationScheme> authenticationSchemes) {

    public ServiceProviderCapabilities {
        authenticationSchemes = List.copyOf(authenticationSchemes);
    }

    /** The gateway as built today: PATCH, filters and ETags yes; bulk, sort, password change no. */
    public static ServiceProviderCapabilities defaults(int filterMaxResults, int bulkMaxOperations, int bulkMaxPayloadSize) {
        return new ServiceProviderCapabilities(true, false, bulkMaxOperations, bulkMaxPayloadSize, true,
                filterMaxResults, false, false, true, List.of(AuthenticationScheme.BEARER_TOKEN));
    }

    /** One entry of {@code authenticationSchemes}. */
    public record AuthenticationScheme(String type, String name, String description, boolean primary) {

        public static final AuthenticationScheme BEARER_TOKEN = new AuthenticationScheme("oauthbearertoken",
                "OAuth Bearer Token", "Authentication with a per-tenant bearer token in the Authorization header",
                true);
    }
}
