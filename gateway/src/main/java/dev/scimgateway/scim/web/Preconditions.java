package dev.scimgateway.scim.web;

import dev.scimgateway.scim.protocol.ResourceRecord;
import dev.scimgateway.scim.protocol.ScimException;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.web.reactive.function.server.ServerRequest;

/** Conditional requests of RFC 7644 §3.14 over the weak ETags {@code W/"<version>"}. */
public final class Preconditions {

    private Preconditions() {}

    /**
     * The version an {@code If-Match} header demands, or null when the write is unconditional.
     * {@code If-Match: *} only asks that the resource exist, which every write checks anyway.
     */
    public static @Nullable Long expectedVersion(ServerRequest request) {
        List<String> ifMatch = request.headers().header("If-Match");
        if (ifMatch.isEmpty()) {
            return null;
        }
        String value = ifMatch.get(0).strip();
        if ("*".equals(value)) {
            return null;
        }
        Long version = parse(value);
        if (version == null) {
            throw ScimException.preconditionFailed("If-Match '" + value
                    + "' is not an ETag of this gateway; use the ETag header or meta.version of the resource");
        }
        return version;
    }

    /** Throws 412 when the client demanded a version other than the current one. */
    public static void requireVersion(ResourceRecord current, @Nullable Long expectedVersion, String kind) {
        if (expectedVersion != null && expectedVersion != current.version()) {
            throw ScimException.preconditionFailed("The " + kind + " has changed (its version is now "
                    + current.etag() + "); read it again and retry");
        }
    }

    /** Whether an {@code If-None-Match} header already names the current version (answer 304). */
    public static boolean notModified(ServerRequest request, ResourceRecord current) {
        for (String header : request.headers().header("If-None-Match")) {
            for (String tag : header.split(",")) {
                String candidate = tag.strip();
                if ("*".equals(candidate) || Long.valueOf(current.version()).equals(parse(candidate))) {
                    return true;
                }
            }
        }
        return false;
    }

    private static @Nullable Long parse(String etag) {
        String tag = etag.startsWith("W/") ? etag.substring(2) : etag;
        if (tag.length() < 3 || tag.charAt(0) != '"' || tag.charAt(tag.length() - 1) != '"') {
            return null;
        }
        try {
            return Long.parseLong(tag.substring(1, tag.length() - 1));
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
