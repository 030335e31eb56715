package dev.scimgateway.scim.schema;

import dev.scimgateway.scim.protocol.AttrPath;
import dev.scimgateway.scim.protocol.ScimException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Parses the {@code attributes} and {@code excludedAttributes} query parameters (RFC 7644
 * §3.4.2.5): comma-separated attribute names, optionally URN-qualified, optionally with one
 * sub-attribute.
 *
 * <p>A malformed name is {@code invalidValue}: RFC 7644 §3.12 lists invalidValue, and no other
 * non-filter scimType, for GET query parameters, while invalidSyntax is defined for bodies.
 */
final class AttributeList {

    /** RFC 7643 §2.1 ATTRNAME, plus the {@code $ref} sub-attribute name. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_-]*|\\$ref");

    private AttributeList() {
    }

    static List<AttrPath> parse(@Nullable String commaSeparated) {
        if (commaSeparated == null || commaSeparated.isBlank()) {
            return List.of();
        }
        List<AttrPath> paths = new ArrayList<>();
        for (String entry : commaSeparated.split(",")) {
            String trimmed = entry.strip();
            if (!trimmed.isEmpty()) { // "userName," from hand-built URLs means "userName"
                paths.add(parseOne(trimmed));
            }
        }
        return List.copyOf(paths);
    }

    private static AttrPath parseOne(String entry) {
        String urn = null;
        String rest = entry;
        if (entry.regionMatches(true, 0, "urn:", 0, 4)) {
            int colon = entry.lastIndexOf(':');
            urn = entry.substring(0, colon);
            rest = entry.substring(colon + 1);
        }
        String[] parts = rest.split("\\.", -1);
        if (parts.length > 2 || !isName(parts[0]) || (parts.length == 2 && !isName(parts[1]))) {
            throw ScimException.invalidValue("'" + entry + "' is not a valid attribute name in attributes or "
                    + "excludedAttributes; expected e.g. 'userName', 'name.givenName' or "
                    + "'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value'");
        }
        return new AttrPath(urn, parts[0], parts.length == 2 ? parts[1] : null);
    }

    private static boolean isName(String text) {
        return NAME.matcher(text).matches();
    }
}
