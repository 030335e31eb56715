package dev.scimgateway.events;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A refused SCIM request as the activity log keeps it: what the client was told (status, scimType,
 * detail), what it asked (method, path without its query) and who asked (the token, the request id);
 * for a failed operation of a bulk request or stream, also its bulkId and index. Never its body or
 * its credentials.
 */
public record Refusal(String tenantId, Instant at, int status, @Nullable String scimType, String detail,
        String method, String path, UUID tokenId, String tokenName, String requestId,
        @Nullable String resourceType, @Nullable UUID resourceId, @Nullable String bulkId,
        @Nullable Integer operationIndex) {}
