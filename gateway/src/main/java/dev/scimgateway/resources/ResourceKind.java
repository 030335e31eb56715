package dev.scimgateway.resources;

import dev.scimgateway.observability.ProvisioningMetrics;
import dev.scimgateway.scim.protocol.patch.PatchOperation;
import dev.scimgateway.scim.schema.ResourceTypeDefinition;
import dev.scimgateway.scim.schema.SchemaRegistry;
import dev.scimgateway.scim.web.ResourceRenderer;
import dev.scimgateway.tenancy.TenantCatalog;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.node.ObjectNode;

/**
 * What one resource type does its own way; the rest of its life (routes, validation, versions,
 * PATCH, bulk, listing) is the shared pipeline's. A new resource type is one implementation of
 * this, with its store, added to {@link ResourceKinds}.
 */
public interface ResourceKind {

    /** Name, endpoint and schema of the type. */
    ResourceTypeDefinition definition();

    ResourceStore store();

    /** The schemas a tenant's resources of this type follow. */
    SchemaRegistry schemas(TenantCatalog catalog);

    /**
     * The multi-valued attribute that membership rows answer ("members" of a group, "groups" of a
     * user), read only when a response shows it; empty for a type without one.
     */
    Optional<String> membership();

    /**
     * Whether a resource of this type can be created with membership (a group with members), so that
     * its create answers after reading it; a new user is in no group yet.
     */
    boolean createdWithMembership();

    /**
     * The attribute a create of this type claims when creates may run side by side in a bulk request
     * or stream, which pays only where its store writes them together; empty when they run in turn.
     */
    Optional<String> sideBySideCreateClaim();

    /** A validated create or PUT body as the store takes it. */
    Body fromBody(ObjectNode validated);

    /** A PATCH's operations split into those on the document and the membership change. */
    Patch fromPatch(List<PatchOperation> operations);

    void countCreated(ProvisioningMetrics metrics, String tenantId);

    /** The resource as SCIM shows it, before projection. */
    ObjectNode render(ResourceView view, ResourceRenderer renderer, String baseUrl);

    /** Attributes to store, the membership they set, and member values that name no user or group of ours. */
    record Body(ObjectNode attributes, MembershipChange members, List<String> unknownMembers) {

        /** A body that sets no members. */
        public static Body of(ObjectNode attributes) {
            return new Body(attributes, MembershipChange.unchanged(), List.of());
        }
    }

    /** Operations for the PATCH engine, the membership change, and member values that name no user or group of ours. */
    record Patch(List<PatchOperation> attributeOperations, MembershipChange members, List<String> unknownMembers) {

        /** A PATCH that is all document operations. */
        public static Patch of(List<PatchOperation> operations) {
            return new Patch(operations, MembershipChange.unchanged(), List.of());
        }
    }
}
