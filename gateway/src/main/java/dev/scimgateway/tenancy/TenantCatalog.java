package dev.scimgateway.tenancy;

import dev.scimgateway.scim.schema.ExtensionSchemas;
import dev.scimgateway.scim.schema.ResourceTypes;
import dev.scimgateway.scim.schema.SchemaRegistry;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The schemas one tenant's resources follow: the built-in ones plus the extensions it registered. */
public record TenantCatalog(SchemaRegistry users, SchemaRegistry groups) {

    public static final TenantCatalog BUILT_IN = new TenantCatalog(SchemaRegistry.USER, SchemaRegistry.GROUP);

    static TenantCatalog of(List<ExtensionSchemas.Registered> extensions) {
        if (extensions.isEmpty()) {
            return BUILT_IN;
        }
        return new TenantCatalog(SchemaRegistry.of(ExtensionSchemas.extend(ResourceTypes.USER, extensions)),
                SchemaRegistry.of(ExtensionSchemas.extend(ResourceTypes.GROUP, extensions)));
    }

    /** The schemas of the resource type served at an endpoint ({@code Users}, {@code Groups}); null for any other. */
    public @Nullable SchemaRegistry ofEndpoint(String endpoint) {
        return switch (endpoint) {
            case "Users" -> users;
            case "Groups" -> groups;
            default -> null;
        };
    }

    public List<dev.scimgateway.scim.schema.ResourceTypeDefinition> resourceTypes() {
        return List.of(users.resourceType(), groups.resourceType());
    }
}
