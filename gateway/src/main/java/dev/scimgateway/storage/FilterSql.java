package dev.scimgateway.storage;

import dev.scimgateway.scim.protocol.AttrPath;
import dev.scimgateway.scim.protocol.list.ListQuery;
import dev.scimgateway.scim.protocol.AttributeTraits.AttributeKind;
import dev.scimgateway.scim.protocol.ResourceRecord;
import dev.scimgateway.scim.protocol.ScimException;
import dev.scimgateway.scim.protocol.filter.And;
import dev.scimgateway.scim.protocol.filter.Literal.BooleanLiteral;
import dev.scimgateway.scim.protocol.filter.Compare;
import dev.scimgateway.scim.protocol.filter.CompareOp;
import dev.scimgateway.scim.protocol.filter.Filter;
import dev.scimgateway.scim.protocol.filter.FilterVisitor;
import dev.scimgateway.scim.protocol.filter.Literal;
import dev.scimgateway.scim.protocol.filter.Not;
import dev.scimgateway.scim.protocol.filter.Literal.NullLiteral;
import dev.scimgateway.scim.protocol.filter.Literal.NumberLiteral;
import dev.scimgateway.scim.protocol.filter.Or;
import dev.scimgateway.scim.protocol.filter.Present;
import dev.scimgateway.scim.protocol.filter.Literal.StringLiteral;
import dev.scimgateway.scim.protocol.filter.ValuePath;
import dev.scimgateway.scim.schema.AttributeDefinition;
import dev.scimgateway.scim.schema.ResolvedAttribute;
import dev.scimgateway.scim.schema.SchemaRegistry;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Turns a filter tree into a SQL condition over the resource row {@code r}. Hot attributes map to
 * indexed columns; every other attribute is read from the stored document. Values and JSON keys
 * are bound parameters: the SQL text is built only from this class's own fragments.
 */
final class FilterSql implements FilterVisitor<String> {

    /** Indexed columns, by canonical attribute key, and whether their SQL type matches the SCIM type. */
    private record HotColumn(String sql, boolean typed, boolean uuid) {}

    private static final Map<String, HotColumn> COMMON_COLUMNS = Map.of(
            "id", new HotColumn("r.id", true, true),
            "externalid", new HotColumn("r.external_id", true, false),
            "meta.created", new HotColumn("r.created_at", true, false),
            "meta.lastmodified", new HotColumn("r.last_modified", true, false));
    // Not "active": its column says true for a user who has no "active" at all, which the resource does not say.
    private static final Map<String, HotColumn> USER_COLUMNS = Map.of(
            "username", new HotColumn("r.user_name", true, false),
            "displayname", new HotColumn("r.display_name", true, false));
    private static final Map<String, HotColumn> GROUP_COLUMNS = Map.of(
            "displayname", new HotColumn("r.display_name", true, false));
    private static final String MEMBERS = "members";
    private static final String GROUPS = "groups";
    /** The alias of a group row inside {@code groups[...]} or under a compare of a user's groups. */
    private static final String GROUP_ROW = "g";

    /** Builds translators bound to one statement's parameters. */
    static final class Factory {
        FilterSql users(SqlParams params, SchemaRegistry schemas) {
            return new FilterSql(params, schemas, USER_COLUMNS, false, true);
        }

        FilterSql groups(SqlParams params, SchemaRegistry schemas) {
            return new FilterSql(params, schemas, GROUP_COLUMNS, true, false);
        }
    }

    private final SqlParams params;
    private final SchemaRegistry registry;
    private final Map<String, HotColumn> columns;
    private final boolean membersTable;
    /** Whether {@code groups} is a user's groups, answered from the membership table. */
    private final boolean groupsTable;
    /** Set while translating the inside of a value path: the multi-valued attribute and the SQL of its element. */
    private final @Nullable ResolvedAttribute element;
    private final String elementSql;

    private FilterSql(SqlParams params, SchemaRegistry registry, Map<String, HotColumn> columns, boolean membersTable,
            boolean groupsTable) {
        this(params, registry, columns, membersTable, groupsTable, null, "");
    }

    private FilterSql(SqlParams params, SchemaRegistry registry, Map<String, HotColumn> columns, boolean membersTable,
            boolean groupsTable, @Nullable ResolvedAttribute element, String elementSql) {
        this.params = params;
        this.registry = registry;
        this.columns = columns;
        this.membersTable = membersTable;
        this.groupsTable = groupsTable;
        this.element = element;
        this.elementSql = elementSql;
    }

    /**
     * The userName a list of users asks for when it is the lookup an IdP makes before a create:
     * {@code userName eq "…"} and nothing else, on the first page, unsorted. The unique index on
     * {@code lower(user_name)} answers it with at most one user: a point read, like a read by id.
     * Null for every other query.
     */
    static @Nullable String userNameLookup(ListQuery query, SchemaRegistry registry) {
        if (!(query.filter() instanceof Compare compare) || compare.op() != CompareOp.EQ
                || !(compare.value() instanceof StringLiteral value) || query.sort() != null || query.offset() != 0
                || query.count() == 0 || query.after() != null) {
            return null;
        }
        return registry.resolve(compare.path())
                .filter(attribute -> !attribute.extension() && attribute.subAttribute() == null
                        && !attribute.definition().caseExact()
                        && attribute.canonicalPath().key().equals("username"))
                .map(attribute -> value.value())
                .orElse(null);
    }

    /**
     * The leading ORDER BY terms for {@code sortBy} (RFC 7644 §3.4.2.3), ending in a comma, or
     * nothing; callers append the (created, id) tie-breaker. Resources without a value come last
     * in ascending order and first in descending order, as the RFC says.
     */
    String orderBy(ListQuery.@Nullable Sort sort) {
        String key = sortKey(sort, false);
        return key == null ? "" : key + direction(sort);
    }

    static String direction(ListQuery.@Nullable Sort sort) {
        return sort != null && sort.descending() ? " DESC NULLS FIRST, " : " ASC NULLS LAST, ";
    }

    /**
     * The value {@code sortBy} orders by, typed so that SQL compares it as SCIM does, or null
     * without a sort. Strings compare as their attribute does (case-folded unless caseExact); a
     * multi-valued attribute sorts by its primary value, else its first (the RFC's rule). With
     * {@code codePoints} every string compares in the "C" collation, the order Java can repeat
     * when it merges these rows with another table's (see {@code SortValue}).
     */
    @Nullable String sortKey(ListQuery.@Nullable Sort sort, boolean codePoints) {
        if (sort == null) {
            return null;
        }
        ResolvedAttribute attribute = registry.resolve(sort.attribute())
                .map(found -> found.subAttribute() == null && found.attribute().type() == AttributeKind.COMPLEX
                        && found.attribute().multiValued()
                        ? registry.resolve(sort.attribute().withSubAttribute("value")).orElse(found) : found)
                .orElseThrow(() -> ScimException.invalidValue("sortBy '" + sort.attribute() + "' is not an attribute of "
                        + registry.resourceType().name()));
        AttributeDefinition definition = attribute.definition();
        if (definition.type() == AttributeKind.COMPLEX || isMembers(attribute) || isUserGroups(attribute)) {
            throw ScimException.invalidValue("sortBy '" + sort.attribute() + "' cannot be sorted on; name a simple attribute");
        }
        HotColumn column = hotColumn(attribute);
        String expr;
        if (column != null) {
            // A uuid column has no collation; its text compares in the same order.
            expr = column.uuid() ? column.sql() + "::text" : column.sql();
        } else if (attribute.attribute().multiValued()) {
            String key = attribute.subAttribute() == null ? "e.v #>> '{}'" : "e.v ->> " + params.add(definition.name()) + "::text";
            expr = "(SELECT " + key + " FROM jsonb_array_elements(" + arrayOf(attribute) + ") WITH ORDINALITY AS e(v, n)"
                    + " ORDER BY (e.v ->> 'primary') = 'true' DESC NULLS LAST, e.n LIMIT 1)";
        } else {
            expr = textValue(attribute);
        }
        return switch (definition.type()) {
            case BOOLEAN -> column != null ? expr : "(" + expr + ")::boolean";
            case INTEGER, DECIMAL -> column != null ? expr : "(" + expr + ")::numeric";
            case DATE_TIME -> column != null ? expr : "(" + expr + ")::timestamptz";
            default -> definition.caseExact() ? expr + " COLLATE \"C\""
                    : "lower(" + expr + ")" + (codePoints ? " COLLATE \"C\"" : "");
        };
    }

    /** {@code " AND (…)"} for a filter, or nothing when there is none. */
    String where(@Nullable Filter filter) {
        return filter == null ? "" : " AND (" + filter.accept(this) + ")";
    }

    /** A chain becomes one flat condition: recursing per link would overflow the stack on a long one. */
    @Override
    public String visitAnd(And and) {
        return joined(and.chain(), " AND ");
    }

    @Override
    public String visitOr(Or or) {
        return joined(or.chain(), " OR ");
    }

    private String joined(List<Filter> operands, String operator) {
        return operands.stream().map(operand -> operand.accept(this)).collect(Collectors.joining(operator, "(", ")"));
    }

    @Override
    public String visitNot(Not not) {
        return "(NOT coalesce(" + not.inner().accept(this) + ", false))";
    }

    @Override
    public String visitPresent(Present present) {
        ResolvedAttribute attribute = resolve(present.path());
        if (isMembers(attribute)) {
            return "EXISTS (SELECT 1 FROM group_member m WHERE m.tenant_id = r.tenant_id AND m.group_id = r.id)";
        }
        if (isUserGroups(attribute)) {
            // Every group has an id and a displayName: a user with any group has each sub-attribute too.
            return "EXISTS (SELECT 1 FROM group_member m WHERE m.tenant_id = r.tenant_id AND m.member_user = r.id)";
        }
        if (inGroupRow()) {
            return "(" + groupColumn(attribute, present.path()) + " IS NOT NULL)";
        }
        HotColumn column = hotColumn(attribute);
        if (column != null) {
            // An empty string is no value (RFC 7643 §2.5), as for attributes read from the document.
            boolean text = !column.uuid() && attribute.definition().type() == AttributeKind.STRING;
            return "(" + column.sql() + " IS NOT NULL" + (text ? " AND " + column.sql() + " <> ''" : "") + ")";
        }
        if (element == null && attribute.attribute().multiValued() && attribute.subAttribute() != null) {
            // "emails.type pr": some element has a type, not merely some element.
            var inner = new FilterSql(params, registry, Map.of(), false, false, attribute, "e.v");
            return "EXISTS (SELECT 1 FROM jsonb_array_elements(" + arrayOf(attribute) + ") AS e(v) WHERE "
                    + inner.presentJson(inner.jsonValue(attribute)) + ")";
        }
        return presentJson(jsonValue(attribute));
    }

    private static String presentJson(String json) {
        return "(" + json + " IS NOT NULL AND " + json + " NOT IN ('null'::jsonb, '\"\"'::jsonb, '[]'::jsonb, '{}'::jsonb))";
    }

    @Override
    public String visitCompare(Compare compare) {
        ResolvedAttribute attribute = withDefaultSubAttribute(resolve(compare.path()), compare.path());
        if (isMembers(attribute)) {
            return memberCondition(attribute, compare);
        }
        if (inGroupRow()) {
            return groupCondition(attribute, compare);
        }
        if (isUserGroups(attribute) && !(compare.value() instanceof NullLiteral)) {
            // As for every multi-valued attribute, "ne" means that none of the user's groups equals.
            boolean ne = compare.op() == CompareOp.NE;
            String groups = usersInGroupsWhere(groupCondition(attribute,
                    ne ? new Compare(compare.path(), CompareOp.EQ, compare.value()) : compare));
            return ne ? "(NOT " + groups + ")" : groups;
        }
        if (compare.value() instanceof NullLiteral) {
            // "eq null" asks for absence (RFC 7644 §3.4.2.2 treats null and unassigned alike), so it is "not pr".
            String present = visitPresent(new Present(element != null ? compare.path() : attribute.canonicalPath()));
            return switch (compare.op()) {
                case EQ -> "(NOT " + present + ")";
                case NE -> present;
                default -> throw mismatch(compare, "null can only be compared with eq or ne");
            };
        }
        HotColumn column = hotColumn(attribute);
        if (column != null) {
            return condition(column.sql(), column.typed(), column.uuid(), attribute, compare);
        }
        if (element == null && attribute.attribute().multiValued()) {
            String each = attribute.subAttribute() == null ? "(e.v #>> '{}')" : "(e.v ->> " + params.add(attribute.subAttribute().name()) + "::text)";
            // On a multi-valued attribute "ne" means that no value equals, not that some value differs.
            boolean ne = compare.op() == CompareOp.NE;
            Compare test = ne ? new Compare(compare.path(), CompareOp.EQ, compare.value()) : compare;
            return (ne ? "NOT " : "") + "EXISTS (SELECT 1 FROM jsonb_array_elements(" + arrayOf(attribute) + ") AS e(v) WHERE "
                    + condition(each, false, false, attribute, test) + ")";
        }
        return condition(textValue(attribute), false, false, attribute, compare);
    }

    @Override
    public String visitValuePath(ValuePath valuePath) {
        if (element != null) {
            throw ScimException.invalidFilter("Value paths cannot be nested: '" + valuePath.path() + "'");
        }
        ResolvedAttribute attribute = resolve(valuePath.path());
        // A single complex attribute ("name[givenName eq …]") is one element; the checker and the evaluator admit it too.
        boolean elements = attribute.attribute().multiValued() || attribute.attribute().type() == AttributeKind.COMPLEX;
        if (!elements || attribute.subAttribute() != null) {
            throw ScimException.invalidFilter("'" + valuePath.path() + "[...]' needs a multi-valued or complex attribute before '['");
        }
        if (isUserGroups(attribute)) {
            return usersInGroupsWhere(valuePath.inner().accept(
                    new FilterSql(params, registry, Map.of(), false, false, attribute, GROUP_ROW)));
        }
        if (isMembers(attribute)) {
            var inner = new FilterSql(params, registry, Map.of(), false, false, attribute, "m");
            return "EXISTS (SELECT 1 FROM group_member m WHERE m.tenant_id = r.tenant_id AND m.group_id = r.id AND "
                    + valuePath.inner().accept(inner) + ")";
        }
        var inner = new FilterSql(params, registry, Map.of(), false, false, attribute, "e.v");
        return "EXISTS (SELECT 1 FROM jsonb_array_elements(" + arrayOf(attribute) + ") AS e(v) WHERE "
                + valuePath.inner().accept(inner) + ")";
    }

    /** Inside a value path, names are sub-attributes of the element; elsewhere they are resource attributes. */
    private ResolvedAttribute resolve(AttrPath path) {
        AttrPath full = element == null ? path
                : new AttrPath(element.extension() ? element.schema().id() : null, element.attribute().name(), path.attribute());
        if (element != null && path.subAttribute() != null) {
            throw ScimException.invalidFilter("'" + path + "' inside '" + element.attribute().name() + "[...]' has too many parts");
        }
        return registry.resolve(full).orElseThrow(() -> ScimException.invalidFilter(
                "Unknown attribute '" + path + "' in filter for " + registry.resourceType().name()));
    }

    /** RFC 7644 §3.4.2.2: a complex multi-valued attribute compared as a whole means its {@code value}. */
    private ResolvedAttribute withDefaultSubAttribute(ResolvedAttribute attribute, AttrPath path) {
        if (attribute.subAttribute() != null || attribute.attribute().type() != AttributeKind.COMPLEX) {
            return attribute;
        }
        return registry.resolve(path.withSubAttribute("value")).orElseThrow(() -> ScimException.invalidFilter(
                "'" + path + "' is a complex attribute; compare one of its sub-attributes, e.g. '" + path + ".<name>'"));
    }

    private boolean isMembers(ResolvedAttribute attribute) {
        return (membersTable || "m".equals(elementSql)) && !attribute.extension()
                && MEMBERS.equalsIgnoreCase(attribute.attribute().name());
    }

    /** A user's {@code groups} (RFC 7643 §4.1.2), which the membership table answers, not the document. */
    private boolean isUserGroups(ResolvedAttribute attribute) {
        return groupsTable && element == null && !attribute.extension()
                && GROUPS.equalsIgnoreCase(attribute.attribute().name());
    }

    /** Inside {@code groups[...]}, where names are the columns of one group row. */
    private boolean inGroupRow() {
        return element != null && GROUP_ROW.equals(elementSql);
    }

    /** A user's group as a row {@code g} of scim_group: its {@code value} is the group's id, its {@code display} its name. */
    private String groupColumn(ResolvedAttribute attribute, AttrPath path) {
        AttributeDefinition sub = attribute.subAttribute();
        String name = sub == null ? "" : sub.name();
        return switch (name) {
            case "value" -> GROUP_ROW + ".id";
            case "display" -> GROUP_ROW + ".display_name";
            default -> throw ScimException.invalidFilter("Users can be filtered by 'groups.value' and 'groups.display'"
                    + " only, not '" + path + "'");
        };
    }

    private String groupCondition(ResolvedAttribute attribute, Compare compare) {
        String column = groupColumn(attribute, compare.path());
        return condition(column, true, column.endsWith(".id"), attribute, compare);
    }

    /**
     * The users in a group that meets {@code condition} over its row {@code g}, directly or through
     * groups nested in it, as User.groups shows them. Not correlated with the user row: one set,
     * walked down the nested groups' rows only (index {@code group_member_nested}); UNION keeps each
     * group once, so the walk ends. The tenant is the statement's first parameter.
     */
    private String usersInGroupsWhere(String condition) {
        String tenant = SqlParams.TENANT;
        return "r.id IN (WITH RECURSIVE inside(id) AS (SELECT g.id FROM scim_group g WHERE g.tenant_id = " + tenant
                + " AND (" + condition + ")"
                + " UNION SELECT m.member_group FROM group_member m JOIN inside i ON m.group_id = i.id"
                + " WHERE m.tenant_id = " + tenant + " AND m.member_group IS NOT NULL)"
                + " SELECT m.member_user FROM group_member m JOIN inside i ON m.group_id = i.id"
                + " WHERE m.tenant_id = " + tenant + " AND m.member_user IS NOT NULL)";
    }

    private @Nullable HotColumn hotColumn(ResolvedAttribute attribute) {
        if (element != null || attribute.extension()) {
            return null;
        }
        String key = attribute.canonicalPath().key();
        if (key.equals("meta.resourcetype")) {
            return new HotColumn(params.add(registry.resourceType().name()) + "::text", true, false);
        }
        if (key.equals("meta.version")) {
            // As ResourceRecord.etag() spells it.
            return new HotColumn("('W/\"' || r.version || '\"')", true, false);
        }
        HotColumn column = columns.get(key);
        return column != null ? column : COMMON_COLUMNS.get(key);
    }

    private String memberCondition(ResolvedAttribute attribute, Compare compare) {
        AttributeDefinition sub = attribute.subAttribute();
        if (sub == null || !"value".equals(sub.name())) {
            throw ScimException.invalidFilter("Groups can be filtered by 'members.value' only, not '" + compare.path() + "'");
        }
        if (element != null) {
            return condition("m.member_id", true, true, attribute, compare);
        }
        return "EXISTS (SELECT 1 FROM group_member m WHERE m.tenant_id = r.tenant_id AND m.group_id = r.id AND "
                + condition("m.member_id", true, true, attribute, compare) + ")";
    }

    /** The JSON path of an attribute inside the stored document, as a bound text[] parameter. */
    private String jsonPath(ResolvedAttribute attribute) {
        if (element != null) {
            throw new IllegalStateException("element paths are relative");
        }
        List<String> path = new ArrayList<>();
        if (attribute.extension()) {
            path.add(attribute.schema().id());
        }
        path.add(attribute.attribute().name());
        if (attribute.subAttribute() != null && !attribute.attribute().multiValued()) {
            path.add(attribute.subAttribute().name());
        }
        return params.add(path.toArray(String[]::new));
    }

    private String jsonValue(ResolvedAttribute attribute) {
        if (element != null) {
            return "(" + elementSql + " -> " + params.add(attribute.definition().name()) + "::text)";
        }
        return "(r.doc #> " + jsonPath(attribute) + "::text[])";
    }

    private String textValue(ResolvedAttribute attribute) {
        if (element != null) {
            return "(" + elementSql + " ->> " + params.add(attribute.definition().name()) + "::text)";
        }
        return "(r.doc #>> " + jsonPath(attribute) + "::text[])";
    }

    /** The elements of a multi-valued attribute, or the one element of a complex one; anything else counts as none. */
    private String arrayOf(ResolvedAttribute attribute) {
        String path = jsonPath(attribute) + "::text[]";
        return "CASE jsonb_typeof(r.doc #> " + path + ") WHEN 'array' THEN r.doc #> " + path
                + " WHEN 'object' THEN jsonb_build_array(r.doc #> " + path + ") ELSE '[]'::jsonb END";
    }

    private String condition(String expr, boolean typed, boolean uuid, ResolvedAttribute attribute, Compare compare) {
        AttributeDefinition definition = attribute.definition();
        CompareOp op = compare.op();
        Literal literal = compare.value();
        if (literal instanceof NullLiteral) {
            return switch (op) {
                case EQ -> expr + " IS NULL";
                case NE -> expr + " IS NOT NULL";
                default -> throw mismatch(compare, "null can only be compared with eq or ne");
            };
        }
        return switch (definition.type()) {
            case BOOLEAN -> booleanCondition(typed ? expr : "(" + expr + ")::boolean", compare);
            case INTEGER, DECIMAL -> orderedCondition(typed ? expr : "(" + expr + ")::numeric", compare, number(compare));
            case DATE_TIME -> orderedCondition(typed ? expr : "(" + expr + ")::timestamptz", compare, dateTime(compare));
            case STRING, REFERENCE, BINARY -> uuid ? uuidCondition(expr, definition.caseExact(), compare)
                    : stringCondition(expr, definition.caseExact(), compare);
            case COMPLEX -> throw mismatch(compare, "a complex attribute cannot be compared; name a sub-attribute");
        };
    }

    private String booleanCondition(String expr, Compare compare) {
        if (!(compare.value() instanceof BooleanLiteral bool)) {
            throw mismatch(compare, "'" + compare.path() + "' is a boolean; compare it with true or false");
        }
        String p = params.add(bool.value());
        return switch (compare.op()) {
            case EQ -> expr + " = " + p;
            case NE -> "(" + expr + " IS NULL OR " + expr + " <> " + p + ")";
            default -> throw mismatch(compare, "booleans support only eq and ne");
        };
    }

    private String orderedCondition(String expr, Compare compare, Object value) {
        String p = params.add(value);
        return switch (compare.op()) {
            case EQ -> expr + " = " + p;
            case NE -> "(" + expr + " IS NULL OR " + expr + " <> " + p + ")";
            case GT -> expr + " > " + p;
            case GE -> expr + " >= " + p;
            case LT -> expr + " < " + p;
            case LE -> expr + " <= " + p;
            case CO, SW, EW -> throw mismatch(compare, "'" + compare.op().name().toLowerCase() + "' applies to strings only");
        };
    }

    /** Ids are UUIDs: equality uses the index, and a value that is no UUID simply matches nothing. */
    private String uuidCondition(String expr, boolean caseExact, Compare compare) {
        if (!(compare.value() instanceof StringLiteral text)) {
            throw mismatch(compare, "'" + compare.path() + "' is a string; compare it with a quoted value");
        }
        UUID id = ResourceRecord.parseId(text.value()).orElse(null);
        // "id" is caseExact and rendered in lower case: "ABC…" is another string, matched by no id.
        if (id != null && caseExact && !id.toString().equals(text.value())) {
            id = null;
        }
        if (id != null && (compare.op() == CompareOp.EQ || compare.op() == CompareOp.NE)) {
            String p = params.add(id);
            return compare.op() == CompareOp.EQ ? expr + " = " + p : expr + " <> " + p;
        }
        if (compare.op() == CompareOp.EQ) {
            return "false";
        }
        return stringCondition(expr + "::text", caseExact, compare);
    }

    private String stringCondition(String expr, boolean caseExact, Compare compare) {
        if (!(compare.value() instanceof StringLiteral text)) {
            throw mismatch(compare, "'" + compare.path() + "' is a string; compare it with a quoted value");
        }
        String value = text.value();
        String left = caseExact ? expr : "lower(" + expr + ")";
        return switch (compare.op()) {
            case EQ -> left + " = " + fold(params.add(value), caseExact);
            case NE -> "(" + expr + " IS NULL OR " + left + " <> " + fold(params.add(value), caseExact) + ")";
            case CO -> left + " LIKE " + fold(params.add("%" + escapeLike(value) + "%"), caseExact);
            case SW -> left + " LIKE " + fold(params.add(escapeLike(value) + "%"), caseExact);
            case EW -> left + " LIKE " + fold(params.add("%" + escapeLike(value)), caseExact);
            case GT -> left + " COLLATE \"C\" > " + fold(params.add(value), caseExact);
            case GE -> left + " COLLATE \"C\" >= " + fold(params.add(value), caseExact);
            case LT -> left + " COLLATE \"C\" < " + fold(params.add(value), caseExact);
            case LE -> left + " COLLATE \"C\" <= " + fold(params.add(value), caseExact);
        };
    }

    private static String fold(String placeholder, boolean caseExact) {
        return caseExact ? placeholder + "::text" : "lower(" + placeholder + "::text)";
    }

    private static String escapeLike(String value) {
        return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private static Object number(Compare compare) {
        if (compare.value() instanceof NumberLiteral number) {
            return number.value();
        }
        throw mismatch(compare, "'" + compare.path() + "' is a number; compare it with a number");
    }

    private static OffsetDateTime dateTime(Compare compare) {
        if (compare.value() instanceof StringLiteral text) {
            try {
                return OffsetDateTime.parse(text.value());
            } catch (DateTimeParseException withoutOffset) {
                // xsd:dateTime may omit the zone; the checker and the evaluator read it as UTC, and so must SQL.
            }
            try {
                return LocalDateTime.parse(text.value()).atOffset(ZoneOffset.UTC);
            } catch (DateTimeParseException e) {
                throw mismatch(compare, "'" + text.value() + "' is not an RFC 3339 date-time such as 2024-05-13T04:42:34Z");
            }
        }
        throw mismatch(compare, "'" + compare.path() + "' is a date-time; compare it with a quoted RFC 3339 value");
    }

    private static ScimException mismatch(Compare compare, String why) {
        return ScimException.invalidFilter("Invalid filter near '" + compare.path() + " " + compare.op().name().toLowerCase()
                + "': " + why);
    }
}
