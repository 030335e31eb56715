package dev.scimgateway.events;

import dev.scimgateway.scim.protocol.ScimException;

/**
 * Told of every operation of a {@code /Bulk} request or an NDJSON stream that failed while its
 * request as a whole succeeded (200 with a failed operation in it): the activity log keeps it like a
 * refused request, so a tenant admin sees what failed during an onboarding burst. It must return at
 * once and never fail.
 */
@FunctionalInterface
public interface RefusedOperations {

    RefusedOperations NONE = (tenantId, origin, method, path, error) -> {};

    /**
     * @param origin the request's token and id, with the operation's bulkId and index
     * @param path the operation's path, as {@code /Users/{id}}
     */
    void refused(String tenantId, ChangeOrigin origin, String method, String path, ScimException error);
}
