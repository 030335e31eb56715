package dev.scimgateway.edge;

/** What a request asks for, as far as the cross-cutting steps care. */
public enum Endpoint {
    /** A resource collection or one resource: {@code /Users}, {@code /Groups/{id}}. */
    RESOURCE,
    /** {@code POST .search}, at the root or on a collection: a read although it is a POST. */
    SEARCH,
    /** A BulkRequest on {@code /Bulk}. */
    BULK,
    /** An NDJSON stream on {@code /Bulk}: its operations carry their own Idempotency-Keys, and it lasts as long as its client sends. */
    STREAM,
    /** {@code /ServiceProviderConfig}, {@code /ResourceTypes}, {@code /Schemas}. */
    DISCOVERY,
    /** Anything else under {@code /scim}: no route serves it, but it is still authenticated before it learns so. */
    SCIM_OTHER,
    /** The operator's admin API. */
    ADMIN,
    /** The change feed's stream management and polling under {@code /events}: tenant tokens with the scope {@code events}. */
    EVENTS,
    /** The admin console's pages and assets under {@code /console}: browsers, sessions, CSRF. */
    CONSOLE,
    /** Neither API: actuator probes and whatever the router does not know. */
    OTHER;

    /** Every SCIM endpoint: authenticated with a tenant token, metered, limited and protected from overload. */
    public boolean isScim() {
        return this != ADMIN && this != CONSOLE && this != EVENTS && this != OTHER;
    }

    /** A BulkRequest or a stream: both take a slot of the smaller /Bulk bulkhead. */
    public boolean isBulk() {
        return this == BULK || this == STREAM;
    }
}
