package dev.scimgateway.scim.web;

import java.util.Map;

/**
 * A response as bytes, ready to send or to keep: status, the headers that matter, body. A keyed
 * request's first answer is kept in this form and replayed from it.
 */
public record StoredResponse(int status, Map<String, String> headers, byte[] body) {}
