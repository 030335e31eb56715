package dev.scimgateway.scim.protocol.filter;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** The comparison operators of RFC 7644 §3.4.2.2 ({@code pr} is a node of its own: no value). */
public enum CompareOp {
    EQ, NE, CO, SW, EW, GT, GE, LT, LE;

    /** The operator as written in a filter: {@code eq}, {@code sw}, ... */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** True for gt/ge/lt/le, which RFC 7644 forbids on boolean and binary attributes. */
    public boolean isOrdering() {
        return this == GT || this == GE || this == LT || this == LE;
    }

    /** True for co/sw/ew, which only make sense on strings. */
    public boolean isSubstring() {
        return this == CO || this == SW || this == EW;
    }

    /** Operators are case-insensitive on the wire (RFC 7644 §3.4.2.2). */
    public static @Nullable CompareOp fromWire(String word) {
        for (CompareOp op : values()) {
            if (op.name().equalsIgnoreCase(word)) {
                return op;
            }
        }
        return null;
    }
}
