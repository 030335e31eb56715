package dev.scimgateway.bulk;

import dev.scimgateway.scim.protocol.ScimException;

/** Errors of one bulk operation, with its position so the client can find it. */
final class BulkErrors {

    private BulkErrors() {}

    static ScimException invalid(int index, String what) {
        return ScimException.invalidSyntax("Operations[" + index + "]: " + what);
    }
}
