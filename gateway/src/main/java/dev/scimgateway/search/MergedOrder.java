package dev.scimgateway.search;

import dev.scimgateway.scim.protocol.list.ListQuery;
import dev.scimgateway.scim.protocol.SortValue;
import java.util.Comparator;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The order of the root listing: by the sort value, then users before groups, then creation time
 * and id. Within one part that is exactly the order its table lists in, which is what lets two
 * sorted streams be merged. Resources without a value come last in ascending order and first in
 * descending order (RFC 7644 §3.4.2.3), also when their type lacks the attribute altogether.
 */
final class MergedOrder {

    private MergedOrder() {}

    static Comparator<Hit> of(ListQuery.@Nullable Sort sort) {
        Comparator<@Nullable SortValue> values = Comparator.nullsLast(Comparator.<SortValue>naturalOrder());
        if (sort != null && sort.descending()) {
            values = values.reversed();
        }
        return Comparator.comparing(Hit::sortValue, values)
                .thenComparing(Hit::part)
                .thenComparing(hit -> hit.record().created())
                .thenComparing(hit -> hit.record().id(), MergedOrder::byUnsignedBytes);
    }

    /** PostgreSQL orders uuids by their bytes, unsigned; {@link UUID#compareTo} compares signed halves. */
    static int byUnsignedBytes(UUID a, UUID b) {
        int high = Long.compareUnsigned(a.getMostSignificantBits(), b.getMostSignificantBits());
        return high != 0 ? high : Long.compareUnsigned(a.getLeastSignificantBits(), b.getLeastSignificantBits());
    }
}
