package dev.scimgateway.groups;

import dev.scimgateway.resources.ResourceView;
import dev.scimgateway.scim.schema.ResourceTypes;
import dev.scimgateway.scim.web.ResourceRenderer;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** A group as SCIM shows it: the record, and its members when they were read, before meta. */
final class GroupRendering {

    private GroupRendering() {}

    static ObjectNode render(ResourceView group, ResourceRenderer renderer, String baseUrl) {
        ObjectNode body = renderer.render(group.record(), ResourceTypes.GROUP, baseUrl);
        if (group.members() != null) {
            ObjectNode meta = (ObjectNode) body.remove("meta");
            ArrayNode members = body.putArray("members");
            for (ResourceView.Member member : group.members()) {
                ObjectNode entry = members.addObject();
                entry.put("value", member.value().toString());
                entry.put("$ref", baseUrl + ResourceTypes.USER.endpoint() + "/" + member.value());
                if (member.display() != null) {
                    entry.put("display", member.display());
                }
                entry.put("type", "User");
            }
            body.set("meta", meta);
        }
        return body;
    }
}
