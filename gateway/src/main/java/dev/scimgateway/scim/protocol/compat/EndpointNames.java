package dev.scimgateway.scim.protocol.compat;

import java.util.List;
import java.util.Optional;

/**
 * SCIM endpoint names in the spelling the RFC gives them. Microsoft's reference conformance
 * collection requests {@code GET /scim/v2/users} and {@code /groups} in lower case, and some
 * hand-written integrations do the same; the endpoint is unambiguous, so it is served.
 */
public final class EndpointNames {

    private static final List<String> CANONICAL = List.of(
            "Users", "Groups", "Me", "Bulk", "ServiceProviderConfig", "ResourceTypes", "Schemas", ".search");

    private EndpointNames() {}

    /** The canonical spelling of a first path segment, when it differs only in case. */
    public static Optional<String> canonical(String segment) {
        if (SCIM_1_SERVICE_CONFIGURATION.equalsIgnoreCase(segment)) {
            return Optional.of("ServiceProviderConfig");
        }
        return CANONICAL.stream().filter(name -> name.equalsIgnoreCase(segment) && !name.equals(segment)).findFirst();
    }

    /**
     * The same collection reads {@code GET /scim/v2/serviceConfiguration}, the endpoint's name in
     * SCIM 1.1; it means {@code /ServiceProviderConfig}.
     */
    private static final String SCIM_1_SERVICE_CONFIGURATION = "serviceConfiguration";
}
