package dev.scimgateway.search;

import dev.scimgateway.scim.schema.ResourceTypeDefinition;
import dev.scimgateway.scim.schema.ResourceTypes;

/** The two parts of the root listing, in the order it shows them when nothing else decides. */
enum Part {
    USERS(ResourceTypes.USER),
    GROUPS(ResourceTypes.GROUP);

    private final ResourceTypeDefinition resourceType;

    Part(ResourceTypeDefinition resourceType) {
        this.resourceType = resourceType;
    }

    ResourceTypeDefinition resourceType() {
        return resourceType;
    }
}
