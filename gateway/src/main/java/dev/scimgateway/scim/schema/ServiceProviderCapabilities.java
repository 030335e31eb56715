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
        Pagination pagination,
        List<AuthenticationScheme> authenticationSchemes,
        List<String> securityEventUris) {

    public ServiceProviderCapabilities {
        authenticationSchemes = List.copyOf(authenticationSchemes);
        securityEventUris = List.copyOf(securityEventUris);
    }

    /** The same, advertising the RFC 9967 events its change feed delivers ({@code securityEvents}, RFC 9967 §4). */
    public ServiceProviderCapabilities withSecurityEvents(List<String> eventUris) {
        return new ServiceProviderCapabilities(patchSupported, bulkSupported, bulkMaxOperations, bulkMaxPayloadSize,
                filterSupported, filterMaxResults, changePasswordSupported, sortSupported, etagSupported, pagination,
                authenticationSchemes, eventUris);
    }

    /** The gateway as built today: PATCH, bulk, filters, sorting, ETags and both paging methods; no password change. */
    public static ServiceProviderCapabilities defaults(int filterMaxResults, int bulkMaxOperations, int bulkMaxPayloadSize,
            Pagination pagination) {
        return new ServiceProviderCapabilities(true, true, bulkMaxOperations, bulkMaxPayloadSize, true,
                filterMaxResults, false, true, true, pagination, List.of(AuthenticationScheme.BEARER_TOKEN), List.of());
    }

    /** The {@code pagination} object of RFC 9865 §4: index paging stays the default, Okta relies on it. */
    public record Pagination(int defaultPageSize, int maxPageSize, long cursorTimeoutSeconds) {}

    /** One entry of {@code authenticationSchemes}. */
    public record AuthenticationScheme(String type, String name, String description, boolean primary) {

        public static final AuthenticationScheme BEARER_TOKEN = new AuthenticationScheme("oauthbearertoken",
                "OAuth Bearer Token", "Authentication with a per-tenant bearer token in the Authorization header",
                true);
    }
}
