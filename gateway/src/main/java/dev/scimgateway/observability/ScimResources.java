package dev.scimgateway.observability;

/** The resource tag of a SCIM path: a handful of fixed values, whatever ids the path holds. */
final class ScimResources {

    private ScimResources() {}

    static String of(String path) {
        String rest = path.startsWith("/scim/v2/") ? path.substring("/scim/v2/".length()) : "";
        int slash = rest.indexOf('/');
        String first = slash < 0 ? rest : rest.substring(0, slash);
        return switch (first) {
            case "Users", "Groups", "Bulk", "Me" -> first;
            case "ServiceProviderConfig", "ResourceTypes", "Schemas" -> "discovery";
            case ".search" -> "search";
            default -> "other";
        };
    }
}
