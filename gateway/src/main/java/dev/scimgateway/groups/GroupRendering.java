package dev.scimgateway.groups;

import dev.scimgateway.resources.MembershipRendering;
import dev.scimgateway.resources.ResourceView;
import dev.scimgateway.scim.schema.ResourceTypes;
import dev.scimgateway.scim.web.ResourceRenderer;
import tools.jackson.databind.node.ObjectNode;

/** A group as SCIM shows it: the record, and its members when they were read, users and groups (RFC 7643 §4.2). */
final class GroupRendering {

    private static final String GROUP_MEMBER = "Group";

    private GroupRendering() {}

    static ObjectNode render(ResourceView group, ResourceRenderer renderer, String baseUrl) {
        ObjectNode body = renderer.render(group.record(), ResourceTypes.GROUP, baseUrl);
        if (group.members() == null) {
            return body;
        }
        return MembershipRendering.add(body, "members", group.members(), baseUrl, member -> (GROUP_MEMBER
                .equals(member.type()) ? ResourceTypes.GROUP : ResourceTypes.USER).endpoint());
    }
}
