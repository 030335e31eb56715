package dev.scimgateway.scim.protocol.list;

import dev.scimgateway.scim.protocol.AttrPath;
import dev.scimgateway.scim.protocol.filter.Filter;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A list request after parsing (RFC 7644 §3.4.2): a filter already checked against the schema,
 * an optional sort, and either index paging (startIndex 1-based, count clamped) or cursor paging
 * (RFC 9865), where {@code after} is the position the cursor named, or null for the first page.
 */
public record ListQuery(@Nullable Filter filter, @Nullable Sort sort, int startIndex, int count, boolean cursorPaging,
        @Nullable Position after) {

    public static ListQuery index(@Nullable Filter filter, @Nullable Sort sort, int startIndex, int count) {
        return new ListQuery(filter, sort, startIndex, count, false, null);
    }

    public static ListQuery cursor(@Nullable Filter filter, int count, @Nullable Position after) {
        return new ListQuery(filter, null, 1, count, true, after);
    }

    /** The zero-based row offset that startIndex means; cursor pages never skip rows. */
    public long offset() {
        return cursorPaging ? 0 : (long) startIndex - 1;
    }

    /** {@code sortBy} and {@code sortOrder} (RFC 7644 §3.4.2.3). */
    public record Sort(AttrPath attribute, boolean descending) {}

    /**
     * Where a page ends in the listing order, (created, id): the next page starts strictly after
     * it, so every page costs the same however deep it is. It also carries the total counted on
     * the walk's first page ({@link #UNCOUNTED} when none was): counting every match again on
     * every page would make each page cost the size of the whole listing.
     */
    public record Position(Instant created, UUID id, long total) {

        public static final long UNCOUNTED = -1;

        public boolean counted() {
            return total >= 0;
        }
    }
}
