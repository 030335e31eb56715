package dev.scimgateway.resources;

import dev.scimgateway.scim.schema.ResourceTypeDefinition;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The resource types served, looked up by endpoint ("Users") or by definition. */
public final class ResourceKinds {

    private final List<ResourceKind> all;
    private final Map<String, ResourceKind> byEndpoint = new HashMap<>();

    public ResourceKinds(List<ResourceKind> kinds) {
        this.all = List.copyOf(kinds);
        for (ResourceKind kind : all) {
            byEndpoint.put(kind.definition().endpoint().substring(1), kind);
        }
    }

    /** In the order they were given, which is the order listings and messages name them. */
    public List<ResourceKind> all() {
        return all;
    }

    /** The type whose endpoint, without its slash, is exactly {@code name}. */
    public Optional<ResourceKind> byEndpoint(String name) {
        return Optional.ofNullable(byEndpoint.get(name));
    }

    public ResourceKind of(ResourceTypeDefinition type) {
        return byEndpoint(type.endpoint().substring(1))
                .orElseThrow(() -> new IllegalArgumentException("No resource type " + type.id() + " is served"));
    }
}
