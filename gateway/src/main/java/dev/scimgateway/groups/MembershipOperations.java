package dev.scimgateway.groups;

import dev.scimgateway.resources.MembershipChange;
import dev.scimgateway.scim.protocol.JsonProperties;
import dev.scimgateway.scim.protocol.NulCharacters;
import dev.scimgateway.scim.protocol.ResourceRecord;
import dev.scimgateway.scim.protocol.ScimException;
import dev.scimgateway.scim.protocol.filter.Compare;
import dev.scimgateway.scim.protocol.filter.CompareOp;
import dev.scimgateway.scim.protocol.filter.Filter;
import dev.scimgateway.scim.protocol.filter.Or;
import dev.scimgateway.scim.protocol.filter.Literal.StringLiteral;
import dev.scimgateway.scim.protocol.patch.PatchOperation;
import dev.scimgateway.scim.protocol.filter.PatchPath;
import dev.scimgateway.scim.schema.CoreSchemas;
import dev.scimgateway.scim.schema.GroupMembers;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Splits a group PATCH into the operations on the group's own attributes, which the PATCH engine
 * applies to the document, and the membership operations, which become one set-based change.
 * Every form real clients send is covered: {@code add members [...]}, Okta's
 * {@code remove members[value eq "…"]}, Entra's {@code Remove members [{"value":…}]},
 * {@code replace members []}, {@code replace members[value eq "…"]} and path-less
 * {@code replace {"members": [...]}}.
 */
final class MembershipOperations {

    private static final String MEMBERS = "members";

    /** What a PATCH does: document operations, the membership change, member ids that are not ours. */
    record Split(List<PatchOperation> attributeOperations, MembershipChange members, List<String> unknownMembers) {}

    private final List<PatchOperation> attributeOperations = new ArrayList<>();
    private final MembershipChange members = MembershipChange.none();
    private final List<String> unknown = new ArrayList<>();

    private MembershipOperations() {}

    static Split split(List<PatchOperation> operations) {
        MembershipOperations split = new MembershipOperations();
        operations.forEach(split::accept);
        return new Split(List.copyOf(split.attributeOperations), split.members, List.copyOf(split.unknown));
    }

    /** Group create and PUT: the members listed in the body are the whole membership. */
    static MembershipChange fromBody(@Nullable JsonNode membersValue, List<String> unknown) {
        MembershipOperations split = new MembershipOperations();
        split.members.replaceAll(split.members(membersValue));
        unknown.addAll(split.unknown);
        return split.members;
    }

    private void accept(PatchOperation operation) {
        PatchPath path = operation.path();
        if (path == null) {
            acceptPathless(operation);
        } else if (isMembers(path)) {
            acceptMembers(operation, path);
        } else {
            attributeOperations.add(operation);
        }
    }

    private void acceptPathless(PatchOperation operation) {
        JsonNode value = operation.value();
        if (value == null || !value.isObject() || operation.op() == PatchOperation.Op.REMOVE) {
            attributeOperations.add(operation);
            return;
        }
        ObjectNode rest = ((ObjectNode) value).deepCopy();
        String membersKey = null;
        for (String name : rest.propertyNames()) {
            if (MEMBERS.equalsIgnoreCase(name)) {
                membersKey = name;
            }
        }
        if (membersKey == null) {
            attributeOperations.add(operation);
            return;
        }
        JsonNode membersValue = rest.remove(membersKey);
        if (operation.op() == PatchOperation.Op.REPLACE) {
            members.replaceAll(members(membersValue));
        } else {
            added(membersValue).forEach(members::add);
        }
        if (!rest.isEmpty()) {
            attributeOperations.add(new PatchOperation(operation.op(), null, rest));
        }
    }

    private void acceptMembers(PatchOperation operation, PatchPath path) {
        if (path.valueFilter() != null) {
            if (operation.op() == PatchOperation.Op.ADD || path.subAttribute() != null) {
                throw ScimException.invalidPath("Only 'remove' and 'replace' take a filtered members path such as"
                        + " members[value eq \"<id>\"], without a sub-attribute (a member's are immutable); use 'add'"
                        + " with path 'members' to add members");
            }
            List<String> selected = memberIdsIn(path.valueFilter());
            if (operation.op() == PatchOperation.Op.REPLACE) {
                replaceSelected(selected, operation.value(), path);
            } else {
                selected.forEach(this::removeRaw);
            }
            return;
        }
        if (path.attribute().subAttribute() != null) {
            throw ScimException.invalidPath("'" + path.attribute() + "' cannot be patched; patch 'members' with"
                    + " values such as [{\"value\": \"<user id>\"}]");
        }
        switch (operation.op()) {
            case ADD -> added(operation.value()).forEach(members::add);
            case REPLACE -> members.replaceAll(members(operation.value()));
            case REMOVE -> {
                if (operation.value() == null || operation.value().isNull()) {
                    members.removeAll();
                } else {
                    members(operation.value()).keySet().forEach(members::remove);
                    // members() recorded unknown ids for removal too, and removing a non-member is a no-op.
                }
            }
        }
    }

    /**
     * {@code replace members[value eq "a"]} with {@code {"value": "b"}}: the selected members make
     * way for the value's (RFC 7644 §3.5.2.3); with no selected member in the group, 400 noTarget.
     */
    private void replaceSelected(List<String> selected, @Nullable JsonNode value, PatchPath path) {
        Map<UUID, @Nullable String> replacement = added(value);
        Set<UUID> ids = new LinkedHashSet<>();
        selected.forEach(raw -> ResourceRecord.parseId(raw).ifPresent(ids::add));
        members.requireTarget(ids, "No member of the group matches the filter of '" + path + "'");
        ids.forEach(members::remove);
        replacement.forEach(members::add);
    }

    private void removeRaw(String raw) {
        ResourceRecord.parseId(raw).ifPresent(members::remove);
    }

    /** An add without members is a mistake to report: the client meant to add someone. */
    private Map<UUID, @Nullable String> added(@Nullable JsonNode value) {
        if (value == null || value.isNull()) {
            throw ScimException.invalidValue("Adding to '" + MEMBERS + "' needs a value: the members to add, such as"
                    + " [{\"value\": \"<user id>\"}]");
        }
        return members(value);
    }

    /**
     * The members a value names: user or group id → the display the client sent, if any. The value
     * is an array (or one object) of {@code {"value": "<id>", "display": "…"}}; Microsoft's reference
     * collection spells the display {@code displayName}, which is read the same way. A value that
     * is not a string is refused; one that is no user or group id of the tenant, UUID or not, names
     * nobody: it is skipped and reported like any unknown member (issue 2's rule: the push never
     * fails for them, and Microsoft's reference collection adds "string id 1" expecting 204).
     */
    private Map<UUID, @Nullable String> members(@Nullable JsonNode value) {
        Map<UUID, @Nullable String> ids = new java.util.LinkedHashMap<>();
        if (value == null || value.isNull()) {
            return ids;
        }
        List<JsonNode> entries = new ArrayList<>();
        if (value.isArray()) {
            value.forEach(entries::add);
        } else {
            entries.add(value);
        }
        for (JsonNode entry : entries) {
            JsonNode member = entry.isObject() ? JsonProperties.get(entry, "value") : entry;
            if (member == null || !member.isString()) {
                throw GroupMembers.notAUserId(MEMBERS + ".value", member == null ? entry : member);
            }
            UUID id = ResourceRecord.parseId(member.asString()).orElse(null);
            // Users and groups may be members (RFC 7643 §4.2): the store finds which the id names, so
            // a member sent without "type", as some clients do, is found all the same.
            if (id == null) {
                unknown.add(member.asString());
            } else {
                ids.put(id, display(entry));
            }
        }
        return ids;
    }

    private static @Nullable String display(JsonNode entry) {
        if (!entry.isObject()) {
            return null;
        }
        JsonNode display = JsonProperties.get(entry, "display");
        if (display == null || !display.isString()) {
            display = JsonProperties.get(entry, "displayName");
        }
        if (display == null || !display.isString() || display.stringValue().isBlank()) {
            return null;
        }
        if (NulCharacters.in(display.stringValue())) {
            throw NulCharacters.inValueOf(MEMBERS + ".display");
        }
        return display.stringValue();
    }

    private static boolean isMembers(PatchPath path) {
        String urn = path.attribute().schemaUrn();
        return MEMBERS.equalsIgnoreCase(path.attribute().attribute())
                && (urn == null || CoreSchemas.GROUP_URN.equalsIgnoreCase(urn));
    }

    /**
     * {@code value eq "a"}, or several joined with {@code or}: the forms clients use to name members.
     * The chain is walked flat (see {@link Or#chain()}); only parentheses recurse.
     */
    private static List<String> memberIdsIn(Filter filter) {
        if (filter instanceof Or or) {
            List<String> ids = new ArrayList<>();
            or.chain().forEach(operand -> ids.addAll(memberIdsIn(operand)));
            return ids;
        }
        if (filter instanceof Compare compare && compare.op() == CompareOp.EQ
                && "value".equalsIgnoreCase(compare.path().attribute()) && compare.path().subAttribute() == null
                && compare.value() instanceof StringLiteral id) {
            return List.of(id.value());
        }
        throw ScimException.invalidFilter("Members are selected by id only, as members[value eq \"<user id>\"]"
                + " (several joined with 'or')");
    }
}
