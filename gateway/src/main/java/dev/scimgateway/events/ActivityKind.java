package dev.scimgateway.events;

/** What an activity row records: a committed change, or a request the gateway refused. */
public enum ActivityKind {
    CHANGE,
    ERROR;

    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
