package dev.scimgateway.tenancy;

import dev.scimgateway.scim.protocol.ScimException;
import java.time.Instant;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

public record Tenant(String id, String displayName, Instant createdAt) {

    /** A tenant id is a DNS-label-like slug: it appears in paths, metric tags and logs as it is. */
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    /**
     * The tenant an operator asks for, checked (the admin API and the console ask alike); the
     * display name defaults to the id. Its creation time is the store's to give.
     */
    public static Tenant requested(String id, @Nullable String displayName) {
        if (!ID.matcher(id).matches()) {
            throw ScimException.invalidValue("Tenant id '" + id
                    + "' is invalid: use 1 to 63 lower-case letters, digits and '-', starting with a letter or digit");
        }
        return new Tenant(id, displayName == null || displayName.isBlank() ? id : displayName.strip(), Instant.EPOCH);
    }
}
