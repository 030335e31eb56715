package dev.scimgateway.load.bench;

import java.util.UUID;

/**
 * The user rows every case writes, shaped like the gateway's own (a jsonb document without id,
 * meta and password, plus the columns filters and uniqueness need), so that baseline and
 * gateway write the same bytes to the same indexes.
 */
final class UserRows {

    private UserRows() {}

    static String userName(String prefix, long i) {
        return prefix + "-" + i + "@bench.example";
    }

    static String document(String userName, long i) {
        return "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":\"" + userName + "\","
                + "\"name\":{\"givenName\":\"Given" + i + "\",\"familyName\":\"Family" + i + "\"},"
                + "\"emails\":[{\"primary\":true,\"value\":\"" + userName + "\",\"type\":\"work\"}],"
                + "\"displayName\":\"Given" + i + " Family" + i + "\",\"locale\":\"en-US\","
                + "\"externalId\":\"00u" + i + "\",\"active\":true}";
    }

    /** What a client POSTs: the document plus the password Okta always sends (the gateway drops it). */
    static String createRequest(String userName, long i) {
        String doc = document(userName, i);
        return doc.substring(0, doc.length() - 1) + ",\"password\":\"Throwaway-" + i + "\"}";
    }

    static UUID id(String tenant, long i) {
        return UUID.nameUUIDFromBytes((tenant + "/" + i).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
