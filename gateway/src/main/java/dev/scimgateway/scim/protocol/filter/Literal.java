package dev.scimgateway.scim.protocol.filter;

import java.math.BigDecimal;

/** The JSON value on the right of a comparison. */
public sealed interface Literal {

    /** A JSON string, already unescaped. */
    record StringLiteral(String value) implements Literal {
    }

    /**
     * A JSON number. Kept as written (scale included) so printing round-trips; compare values with
     * {@link BigDecimal#compareTo}, not {@code equals}.
     */
    record NumberLiteral(BigDecimal value) implements Literal {
    }

    record BooleanLiteral(boolean value) implements Literal {
    }

    /** {@code null}; all instances are equal, {@link #INSTANCE} saves allocations. */
    record NullLiteral() implements Literal {
        public static final NullLiteral INSTANCE = new NullLiteral();
    }
}
