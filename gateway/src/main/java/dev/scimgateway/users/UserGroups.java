package dev.scimgateway.users;

import dev.scimgateway.resources.MembershipRendering;
import dev.scimgateway.resources.ResourceView;
import dev.scimgateway.scim.schema.ResourceTypes;
import dev.scimgateway.scim.web.ResourceRenderer;
import tools.jackson.databind.node.ObjectNode;

/**
 * A user's {@code groups} (RFC 7643 §4.1.2): readOnly, never stored in the user's document, read
 * from membership when a response shows them. Each names a group the user is in, "direct", or
 * only through groups nested in it, "indirect".
 */
final class UserGroups {

    static final String ATTRIBUTE = "groups";

    private UserGroups() {}

    /** The user as SCIM shows it, with its groups when they were read and there are any (an empty list is no value). */
    static ObjectNode render(ResourceView user, ResourceRenderer renderer, String baseUrl) {
        ObjectNode body = renderer.render(user.record(), ResourceTypes.USER, baseUrl);
        if (user.members() == null || user.members().isEmpty()) {
            return body;
        }
        return MembershipRendering.add(body, ATTRIBUTE, user.members(), baseUrl,
                group -> ResourceTypes.GROUP.endpoint());
    }
}
