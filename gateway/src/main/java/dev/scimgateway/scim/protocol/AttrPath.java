package dev.scimgateway.scim.protocol;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * An attribute reference (RFC 7644 §3.10): optional schema URN, attribute name, optional
 * sub-attribute. Names keep the case the client wrote (for error messages); equality is
 * case-insensitive because SCIM attribute names are.
 */
public record AttrPath(@Nullable String schemaUrn, String attribute, @Nullable String subAttribute) {

    public static AttrPath of(String attribute) {
        return new AttrPath(null, attribute, null);
    }

    public static AttrPath of(String attribute, @Nullable String subAttribute) {
        return new AttrPath(null, attribute, subAttribute);
    }

    public AttrPath withSubAttribute(@Nullable String sub) {
        return new AttrPath(schemaUrn, attribute, sub);
    }

    /** {@code name.givenName} without the URN, lower-cased: the key used for lookups. */
    public String key() {
        String base = attribute.toLowerCase(Locale.ROOT);
        return subAttribute == null ? base : base + "." + subAttribute.toLowerCase(Locale.ROOT);
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof AttrPath other
                && equalsIgnoreCase(schemaUrn, other.schemaUrn)
                && attribute.equalsIgnoreCase(other.attribute)
                && equalsIgnoreCase(subAttribute, other.subAttribute);
    }

    @Override
    public int hashCode() {
        String urn = schemaUrn == null ? "" : schemaUrn.toLowerCase(Locale.ROOT);
        return (urn + ":" + key()).hashCode();
    }

    /** The path as SCIM writes it: {@code urn:...:User:name.givenName}. */
    @Override
    public String toString() {
        String base = subAttribute == null ? attribute : attribute + "." + subAttribute;
        return schemaUrn == null ? base : schemaUrn + ":" + base;
    }

    private static boolean equalsIgnoreCase(@Nullable String a, @Nullable String b) {
        return a == null ? b == null : a.equalsIgnoreCase(b);
    }
}
