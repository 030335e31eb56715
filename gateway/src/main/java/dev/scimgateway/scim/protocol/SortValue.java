package dev.scimgateway.scim.protocol;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The value a resource sorts by under {@code sortBy} (RFC 7644 §3.4.2.3), as the database produced
 * it: text (already case-folded when the attribute is not caseExact), a number, a boolean or an
 * instant. Text compares by Unicode code point, which is the order PostgreSQL's "C" collation
 * gives, so resources sorted in SQL can be merged in Java without the two disagreeing.
 */
public final class SortValue implements Comparable<SortValue> {

    private final Object value;

    private SortValue(Object value) {
        this.value = value;
    }

    /** Null when the resource has no value to sort by. */
    public static @Nullable SortValue of(@Nullable Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof OffsetDateTime time) {
            return new SortValue(time.toInstant());
        }
        if (value instanceof Number number && !(value instanceof BigDecimal)) {
            return new SortValue(new BigDecimal(number.toString()));
        }
        if (value instanceof UUID id) {
            // Lower-case hex compares like PostgreSQL's unsigned byte order of uuid.
            return new SortValue(id.toString());
        }
        if (value instanceof String || value instanceof BigDecimal || value instanceof Boolean || value instanceof Instant) {
            return new SortValue(value);
        }
        throw new IllegalArgumentException("Cannot sort by a " + value.getClass().getName());
    }

    @Override
    public int compareTo(SortValue other) {
        int byKind = Integer.compare(rank(value), rank(other.value));
        if (byKind != 0) {
            // Only an attribute that tenant extensions typed differently per resource type gets here.
            return byKind;
        }
        if (value instanceof String text) {
            return compareCodePoints(text, (String) other.value);
        }
        if (value instanceof BigDecimal number) {
            return number.compareTo((BigDecimal) other.value);
        }
        if (value instanceof Boolean bool) {
            return bool.compareTo((Boolean) other.value);
        }
        return ((Instant) value).compareTo((Instant) other.value);
    }

    private static int rank(Object value) {
        if (value instanceof Boolean) {
            return 0;
        }
        if (value instanceof BigDecimal) {
            return 1;
        }
        return value instanceof Instant ? 2 : 3;
    }

    /** {@link String#compareTo} compares UTF-16 units, which orders characters beyond U+FFFF differently. */
    static int compareCodePoints(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int x = a.codePointAt(i);
            int y = b.codePointAt(j);
            if (x != y) {
                return Integer.compare(x, y);
            }
            i += Character.charCount(x);
            j += Character.charCount(y);
        }
        return Boolean.compare(i < a.length(), j < b.length());
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof SortValue other && compareTo(other) == 0;
    }

    @Override
    public int hashCode() {
        return value instanceof BigDecimal number ? number.stripTrailingZeros().hashCode() : value.hashCode();
    }

    @Override
    public String toString() {
        return String.valueOf(value);
    }
}
