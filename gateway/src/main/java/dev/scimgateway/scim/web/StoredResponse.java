package dev.scimgateway.idempotency;

import java.util.Map;

/** The first response to a keyed request, as it will be replayed: status, the headers that matter, body. */
public record StoredResponse(int status, Map<String, String> headers, byte[] body) {}
