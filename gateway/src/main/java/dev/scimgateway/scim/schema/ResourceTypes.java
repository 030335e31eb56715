package dev.scimgateway.scim.schema;

import java.util.List;
import java.util.Optional;

/** The resource types this gateway serves. */
public final class ResourceTypes {

    public static final ResourceTypeDefinition USER = new ResourceTypeDefinition("User", "User", "/Users",
            "User Account", CoreSchemas.USER, List.of(new SchemaExtension(CoreSchemas.ENTERPRISE_USER, false)));

    public static final ResourceTypeDefinition GROUP = new ResourceTypeDefinition("Group", "Group", "/Groups",
            "Group", CoreSchemas.GROUP, List.of());

    public static final List<ResourceTypeDefinition> ALL = List.of(USER, GROUP);

    private ResourceTypes() {
    }

    /** The resource type with this id ("User", "Group"), compared case-insensitively. */
    public static Optional<ResourceTypeDefinition> byId(String id) {
        return ALL.stream().filter(type -> type.id().equalsIgnoreCase(id)).findFirst();
    }
}
