package dev.scimgateway.users;

import dev.scimgateway.observability.ProvisioningMetrics;
import dev.scimgateway.resources.ResourceKind;
import dev.scimgateway.resources.ResourceStore;
import dev.scimgateway.resources.ResourceView;
import dev.scimgateway.scim.protocol.patch.PatchOperation;
import dev.scimgateway.scim.schema.ResourceTypeDefinition;
import dev.scimgateway.scim.schema.ResourceTypes;
import dev.scimgateway.scim.schema.SchemaRegistry;
import dev.scimgateway.scim.web.ResourceRenderer;
import dev.scimgateway.tenancy.TenantCatalog;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.node.ObjectNode;

/**
 * Users: a document, and the groups they are in, which membership answers (see {@link UserGroups}).
 * What is theirs alone, the case-insensitive unique userName and the coalesced multi-row creates,
 * is the store's (see {@code storage.UserColumns}).
 */
public record UserKind(ResourceStore store) implements ResourceKind {

    @Override
    public ResourceTypeDefinition definition() {
        return ResourceTypes.USER;
    }

    @Override
    public SchemaRegistry schemas(TenantCatalog catalog) {
        return catalog.users();
    }

    /** The groups a user is in, directly or through nested groups: readOnly, computed from membership rows. */
    @Override
    public Optional<String> membership() {
        return Optional.of(UserGroups.ATTRIBUTE);
    }

    @Override
    public boolean createdWithMembership() {
        return false;
    }

    /** User creates are coalesced into multi-row INSERTs; the first of two with one userName wins. */
    @Override
    public Optional<String> sideBySideCreateClaim() {
        return Optional.of("userName");
    }

    @Override
    public Body fromBody(ObjectNode validated) {
        return Body.of(validated);
    }

    @Override
    public Patch fromPatch(List<PatchOperation> operations) {
        return Patch.of(operations);
    }

    @Override
    public void countCreated(ProvisioningMetrics metrics, String tenantId) {
        metrics.usersCreated(tenantId, 1);
    }

    @Override
    public ObjectNode render(ResourceView view, ResourceRenderer renderer, String baseUrl) {
        return UserGroups.render(view, renderer, baseUrl);
    }
}
