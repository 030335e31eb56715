package dev.scimgateway.resources;

import java.util.List;
import java.util.function.Function;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Writes a membership attribute (a group's members, a user's groups) into a rendered resource. */
public final class MembershipRendering {

    private MembershipRendering() {}

    /**
     * Adds {@code attribute} before {@code meta}, which stays last, one entry per related resource
     * with its {@code value}, {@code $ref} (from {@code endpointOf}, such as "/Users"), display and type.
     */
    public static ObjectNode add(ObjectNode body, String attribute, List<ResourceView.Member> related, String baseUrl,
            Function<ResourceView.Member, String> endpointOf) {
        ObjectNode meta = (ObjectNode) body.remove("meta");
        ArrayNode entries = body.putArray(attribute);
        for (ResourceView.Member member : related) {
            ObjectNode entry = entries.addObject();
            entry.put("value", member.value().toString());
            entry.put("$ref", baseUrl + endpointOf.apply(member) + "/" + member.value());
            if (member.display() != null) {
                entry.put("display", member.display());
            }
            entry.put("type", member.type());
        }
        if (meta != null) {
            body.set("meta", meta);
        }
        return body;
    }
}
