package dev.scimgateway.scim.protocol.patch;

import dev.scimgateway.scim.protocol.AttrPath;
import dev.scimgateway.scim.protocol.AttributeTraits;
import dev.scimgateway.scim.protocol.AttributeTraits.AttributeKind;
import dev.scimgateway.scim.protocol.ScimException;
import dev.scimgateway.scim.protocol.filter.Filter;
import dev.scimgateway.scim.protocol.filter.FilterEvaluator;
import dev.scimgateway.scim.protocol.filter.PatchPath;
import dev.scimgateway.scim.protocol.filter.PatchPathParser;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * PATCH as a pure function: resource attributes × operations → new attributes (RFC 7644 §3.5.2).
 * It works on a copy, so a failing operation leaves nothing half-applied; the caller validates
 * the result as a whole and writes it once. The operations are strict RFC: client quirks were
 * rewritten at the edge (compat.ClientQuirks).
 */
public final class PatchEngine {

    private static final String PRIMARY = "primary";
    private static final String VALUE = "value";

    private final AttributeTraits traits;

    public PatchEngine(AttributeTraits traits) {
        this.traits = traits;
    }

    public ObjectNode apply(ObjectNode attributes, List<PatchOperation> operations) {
        ObjectNode doc = attributes.deepCopy();
        for (PatchOperation operation : operations) {
            PatchPath path = operation.path();
            if (path == null) {
                applyPathless(doc, operation.op(), asObject(operation.value()));
            } else {
                applyAt(doc, operation.op(), path, operation.value());
            }
        }
        return doc;
    }

    /**
     * The same, for callers that still pass the resource's id: it is not needed since Okta's
     * repeated id is dropped at the edge (compat.OktaPathlessReplaceId); this goes once they stop.
     */
    public ObjectNode apply(ObjectNode attributes, List<PatchOperation> operations, String resourceId) {
        return apply(attributes, operations);
    }

    /** A path-less add or replace: every key of the value is a path of its own (RFC 7644 §3.5.2.1, .3). */
    private void applyPathless(ObjectNode doc, PatchOperation.Op op, ObjectNode value) {
        for (Map.Entry<String, JsonNode> entry : value.properties()) {
            String key = entry.getKey();
            if ("schemas".equalsIgnoreCase(key) || "meta".equalsIgnoreCase(key)) {
                continue;
            }
            applyAt(doc, op, PatchPathParser.parse(key), entry.getValue());
        }
    }

    private void applyAt(ObjectNode doc, PatchOperation.Op op, PatchPath path, @Nullable JsonNode value) {
        AttrPath written = path.attribute();
        String wholeSchema = path.extensionUrn(traits);
        if (wholeSchema != null) {
            applyToExtension(doc, op, wholeSchema, value);
            return;
        }
        AttrPath canonical = traits.canonicalPath(written).orElseThrow(() -> ScimException.invalidPath(
                "Unknown attribute '" + written + "' in PATCH path"));
        if (traits.readOnly(canonical)) {
            throw ScimException.mutability("'" + canonical + "' is readOnly and cannot be changed by PATCH");
        }
        AttrPath top = new AttrPath(canonical.schemaUrn(), canonical.attribute(), null);
        if (path.subAttribute() != null) {
            checkFilteredSubAttribute(top, path.subAttribute());
        }
        ObjectNode container = container(doc, canonical, op);
        if (container == null) {
            return;
        }
        if (path.valueFilter() != null) {
            applyFiltered(container, op, top, path.valueFilter(), childName(top, path.subAttribute()), value);
        } else if (canonical.subAttribute() != null) {
            applyToSubAttribute(container, op, top, canonical.subAttribute(), value);
        } else if (traits.multiValued(top)) {
            applyToMultiValued(container, op, top, value);
        } else {
            applyToSingle(container, op, top, value);
        }
    }

    /** {@code emails[type eq "work"].shoeSize}: the sub-attribute after a filter is checked like {@code name.shoeSize}. */
    private void checkFilteredSubAttribute(AttrPath top, String sub) {
        AttrPath written = top.withSubAttribute(sub);
        if (traits.canonicalPath(written).isEmpty()) {
            throw ScimException.invalidPath("Unknown attribute '" + written + "' in PATCH path");
        }
        if (traits.readOnly(written)) {
            throw ScimException.mutability("'" + written + "' is readOnly and cannot be changed by PATCH");
        }
    }

    /** A whole extension: remove drops it; add and replace apply each of its attributes in turn. */
    private void applyToExtension(ObjectNode doc, PatchOperation.Op op, String urn, @Nullable JsonNode value) {
        if (op == PatchOperation.Op.REMOVE) {
            for (String key : List.copyOf(doc.propertyNames())) {
                if (key.equalsIgnoreCase(urn)) {
                    doc.remove(key);
                }
            }
            return;
        }
        ObjectNode attributes = asObject(required(value, new AttrPath(urn, "", null)), new AttrPath(urn, "", null));
        for (Map.Entry<String, JsonNode> inner : attributes.properties()) {
            applyAt(doc, op, PatchPathParser.parse(urn + ":" + inner.getKey()), inner.getValue());
        }
    }

    /** Extension attributes live in the URN-keyed object, which an add or replace creates. */
    private @Nullable ObjectNode container(ObjectNode doc, AttrPath canonical, PatchOperation.Op op) {
        String urn = canonical.schemaUrn();
        if (urn == null) {
            return doc;
        }
        JsonNode existing = doc.get(urn);
        if (existing instanceof ObjectNode object) {
            return object;
        }
        return op == PatchOperation.Op.REMOVE ? null : doc.putObject(urn);
    }

    private void applyToSingle(ObjectNode container, PatchOperation.Op op, AttrPath top, @Nullable JsonNode value) {
        String name = top.attribute();
        // RFC 7643 §2.5: null and unassigned are the same state, for complex attributes too.
        if (op == PatchOperation.Op.REMOVE || (value != null && value.isNull())) {
            container.remove(name);
            return;
        }
        JsonNode given = required(value, top);
        if (traits.kind(top).orElse(AttributeKind.STRING) == AttributeKind.COMPLEX) {
            // RFC 7644 §3.5.2.1/.3: sub-attributes given replace or add; the others stay.
            ObjectNode target = container.get(name) instanceof ObjectNode existing ? existing : container.putObject(name);
            mergeInto(target, asObject(given, top), top);
        } else {
            container.set(name, given.deepCopy());
        }
    }

    private void applyToSubAttribute(ObjectNode container, PatchOperation.Op op, AttrPath top, String sub,
            @Nullable JsonNode value) {
        JsonNode parent = container.get(top.attribute());
        if (traits.multiValued(top)) {
            // e.g. "emails.value": applies to every element.
            if (parent instanceof ArrayNode array) {
                for (JsonNode element : array) {
                    if (element instanceof ObjectNode object) {
                        setOrRemove(object, sub, op, value, top);
                    }
                }
            }
            return;
        }
        if (parent instanceof ObjectNode object) {
            setOrRemove(object, sub, op, value, top);
        } else if (op != PatchOperation.Op.REMOVE) {
            setOrRemove(container.putObject(top.attribute()), sub, op, value, top);
        }
        if (container.get(top.attribute()) instanceof ObjectNode object && object.isEmpty()) {
            container.remove(top.attribute());
        }
    }

    private void applyToMultiValued(ObjectNode container, PatchOperation.Op op, AttrPath top, @Nullable JsonNode value) {
        String name = top.attribute();
        switch (op) {
            case ADD -> {
                ArrayNode array = container.get(name) instanceof ArrayNode existing ? existing : container.putArray(name);
                List<JsonNode> added = new ArrayList<>();
                for (JsonNode item : elements(required(value, top))) {
                    JsonNode copy = canonicalElement(item, top);
                    if (!contains(array, copy)) {
                        array.add(copy);
                        added.add(copy);
                    }
                }
                keepOnePrimary(array, added);
            }
            case REPLACE -> {
                ArrayNode array = container.putArray(name);
                elements(required(value, top)).forEach(item -> array.add(canonicalElement(item, top)));
                if (array.isEmpty()) {
                    container.remove(name);
                }
            }
            case REMOVE -> {
                if (value == null || value.isNull()) {
                    container.remove(name);
                } else if (container.get(name) instanceof ArrayNode array) {
                    removeMatchingValues(array, top, value);
                    if (array.isEmpty()) {
                        container.remove(name);
                    }
                }
            }
        }
    }

    private void applyFiltered(ObjectNode container, PatchOperation.Op op, AttrPath top, Filter filter,
            @Nullable String sub, @Nullable JsonNode value) {
        if (!traits.multiValued(top)) {
            throw ScimException.invalidPath("'" + top + "[...]' filters values of a multi-valued attribute, and '"
                    + top + "' is single-valued");
        }
        ArrayNode array = container.get(top.attribute()) instanceof ArrayNode existing ? existing : null;
        List<ObjectNode> matched = new ArrayList<>();
        if (array != null) {
            for (JsonNode element : array) {
                if (element instanceof ObjectNode object && FilterEvaluator.matchesElement(filter, object, top, traits)) {
                    matched.add(object);
                }
            }
        }
        if (op == PatchOperation.Op.REMOVE) {
            removeFiltered(container, top, array, matched, sub);
            return;
        }
        if (matched.isEmpty()) {
            // RFC 7644 §3.5.2.3: a replace whose filter matches no value has no target; an add adds the value it names.
            if (op == PatchOperation.Op.REPLACE) {
                throw ScimException.noTarget("No value of '" + top + "' matches the filter in the PATCH path; 'add' with"
                        + " this path adds the value the filter names");
            }
            ObjectNode created = ValueNamedByFilter.newElement(filter, top, traits).orElseThrow(() -> ScimException.noTarget(
                    "No value of '" + top + "' matches the filter in the PATCH path, and the filter does not name one"
                            + " to add (only eq comparisons joined by 'and' do)"));
            if (array == null) {
                array = container.putArray(top.attribute());
            }
            array.add(created);
            matched.add(created);
        }
        for (ObjectNode element : matched) {
            if (sub != null) {
                element.set(sub, required(value, top).deepCopy());
            } else {
                mergeInto(element, asObject(required(value, top), top), top);
            }
        }
        keepOnePrimary(array, new ArrayList<>(matched));
    }

    private static void removeFiltered(ObjectNode container, AttrPath top, @Nullable ArrayNode array,
            List<ObjectNode> matched, @Nullable String sub) {
        if (array == null || matched.isEmpty()) {
            return;
        }
        for (int i = array.size() - 1; i >= 0; i--) {
            JsonNode element = array.get(i);
            if (matched.stream().anyMatch(m -> m == element)) {
                if (sub == null) {
                    array.remove(i);
                } else {
                    ((ObjectNode) element).remove(sub);
                }
            }
        }
        if (array.isEmpty()) {
            container.remove(top.attribute());
        }
    }

    /** Entra removes values by listing them: {@code {"op":"remove","path":"emails","value":[{"value":"a@x"}]}}. */
    private void removeMatchingValues(ArrayNode array, AttrPath top, JsonNode value) {
        boolean caseExact = traits.caseExact(top.withSubAttribute(VALUE));
        List<String> doomed = new ArrayList<>();
        for (JsonNode item : elements(value)) {
            JsonNode v = item.isObject() ? item.get(VALUE) : item;
            if (v != null && !v.isNull()) {
                doomed.add(v.asString());
            }
        }
        for (int i = array.size() - 1; i >= 0; i--) {
            JsonNode element = array.get(i);
            JsonNode v = element.isObject() ? element.get(VALUE) : element;
            if (v != null && doomed.stream().anyMatch(d -> caseExact ? d.equals(v.asString()) : d.equalsIgnoreCase(v.asString()))) {
                array.remove(i);
            }
        }
    }

    private void setOrRemove(ObjectNode object, String sub, PatchOperation.Op op, @Nullable JsonNode value, AttrPath top) {
        if (op == PatchOperation.Op.REMOVE) {
            object.remove(sub);
        } else {
            object.set(sub, required(value, top.withSubAttribute(sub)).deepCopy());
        }
    }

    private void mergeInto(ObjectNode target, ObjectNode value, AttrPath parent) {
        for (Map.Entry<String, JsonNode> entry : value.properties()) {
            target.set(childName(parent, entry.getKey()), entry.getValue().deepCopy());
        }
    }

    private JsonNode canonicalElement(JsonNode item, AttrPath parent) {
        if (!(item instanceof ObjectNode object)) {
            return item.deepCopy();
        }
        ObjectNode copy = object.objectNode();
        mergeInto(copy, object, parent);
        return copy;
    }

    /** Sub-attribute names as the schema spells them, so merges never leave two spellings of one key. */
    private @Nullable String childName(AttrPath parent, @Nullable String name) {
        if (name == null) {
            return null;
        }
        return traits.canonicalPath(parent.withSubAttribute(name)).map(AttrPath::subAttribute).orElse(name);
    }

    /** RFC 7643 §2.4: at most one value is primary; the one just written wins. */
    private static void keepOnePrimary(@Nullable ArrayNode array, List<? extends JsonNode> written) {
        if (array == null) {
            return;
        }
        boolean newPrimary = written.stream().anyMatch(PatchEngine::isPrimary);
        if (!newPrimary) {
            return;
        }
        JsonNode winner = written.stream().filter(PatchEngine::isPrimary).reduce((a, b) -> b).orElseThrow();
        for (JsonNode element : array) {
            if (element != winner && isPrimary(element)) {
                ((ObjectNode) element).put(PRIMARY, false);
            }
        }
    }

    private static boolean isPrimary(JsonNode element) {
        JsonNode primary = element.get(PRIMARY);
        return primary != null && primary.isBoolean() && primary.booleanValue();
    }

    private static boolean contains(ArrayNode array, JsonNode candidate) {
        for (JsonNode element : array) {
            if (element.equals(candidate)) {
                return true;
            }
        }
        return false;
    }

    private static List<JsonNode> elements(JsonNode value) {
        List<JsonNode> list = new ArrayList<>();
        if (value.isArray()) {
            value.forEach(list::add);
        } else if (!value.isNull()) {
            list.add(value);
        }
        return list;
    }

    private static JsonNode required(@Nullable JsonNode value, AttrPath path) {
        if (value == null || value.isMissingNode()) {
            throw ScimException.invalidValue("The operation on '" + path + "' needs a 'value'");
        }
        return value;
    }

    private static ObjectNode asObject(@Nullable JsonNode value) {
        if (value instanceof ObjectNode object) {
            return object;
        }
        throw ScimException.invalidSyntax("Without a 'path', 'value' must be an object of attributes");
    }

    private static ObjectNode asObject(JsonNode value, AttrPath path) {
        if (value instanceof ObjectNode object) {
            return object;
        }
        throw ScimException.invalidValue("'" + path + "' is complex; its value must be an object of sub-attributes");
    }
}
