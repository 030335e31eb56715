package dev.scimgateway.scim.protocol;

import dev.scimgateway.scim.protocol.filter.Filter;
import org.jspecify.annotations.Nullable;

/**
 * A list request after parsing (RFC 7644 §3.4.2): a filter already checked against the schema,
 * and index paging with startIndex 1-based and count already clamped.
 */
public record ListQuery(@Nullable Filter filter, int startIndex, int count) {

    /** The zero-based row offset that startIndex means. */
    public long offset() {
        return (long) startIndex - 1;
    }
}
