package dev.scimgateway.scim.protocol.compat;

import java.util.regex.Pattern;

/**
 * Value filters inside {@code attributes}. Microsoft's SCIM reference collection asks for
 * <pre>GET /Users?attributes=emails[type eq "work"]</pre>
 * RFC 7644 §3.4.2.5 lists attribute names only. The filter is dropped and the attribute is
 * returned whole, which includes the values the client wanted.
 */
final class FilteredAttributeNames {

    private static final Pattern VALUE_FILTER = Pattern.compile("\\[[^\\]]*\\]");

    private FilteredAttributeNames() {}

    static String withoutValueFilters(String attributeList) {
        return VALUE_FILTER.matcher(attributeList).replaceAll("");
    }
}
