package dev.scimgateway.groups;

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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Groups: a document plus members. Members never travel through the document: a body's or a
 * PATCH's members become one set-based change (see {@link MembershipOperations}), and a group is
 * shown with its members (see {@link GroupRendering}).
 */
public record GroupKind(ResourceStore store) implements ResourceKind {

    private static final String MEMBERS = "members";

    @Override
    public ResourceTypeDefinition definition() {
        return ResourceTypes.GROUP;
    }

    @Override
    public SchemaRegistry schemas(TenantCatalog catalog) {
        return catalog.groups();
    }

    @Override
    public Optional<String> membership() {
        return Optional.of(MEMBERS);
    }

    @Override
    public boolean createdWithMembership() {
        return true;
    }

    /** Each group create holds a connection for its members, and names users or groups that may be created just before it. */
    @Override
    public Optional<String> sideBySideCreateClaim() {
        return Optional.empty();
    }

    /** The members listed in a create or PUT body are the whole membership. */
    @Override
    public Body fromBody(ObjectNode validated) {
        JsonNode members = validated.remove(MEMBERS);
        List<String> unknown = new ArrayList<>();
        return new Body(validated, MembershipOperations.fromBody(members, unknown), unknown);
    }

    @Override
    public Patch fromPatch(List<PatchOperation> operations) {
        MembershipOperations.Split split = MembershipOperations.split(operations);
        return new Patch(split.attributeOperations(), split.members(), split.unknownMembers());
    }

    @Override
    public void countCreated(ProvisioningMetrics metrics, String tenantId) {
        metrics.groupsCreated(tenantId, 1);
    }

    @Override
    public ObjectNode render(ResourceView view, ResourceRenderer renderer, String baseUrl) {
        return GroupRendering.render(view, renderer, baseUrl);
    }
}
