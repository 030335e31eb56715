package dev.scimgateway.storage;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether a statement can be routed to one tenant's shard when the schema is distributed by
 * {@code tenant_id} (Citus), by a rule simple enough to explain:
 * <ul>
 * <li>Each reference to a distributed table in an INSERT's target names {@code tenant_id} among the
 * columns it writes: every row carries its tenant, and Citus sends it to that tenant's shard.</li>
 * <li>Every other reference, in any part of the statement (a CTE, a subquery, a join, either side
 * of a UNION), is pinned by an equality on its {@code tenant_id}: to a bind parameter
 * ({@code = $n}, {@code = ANY($n)}), to the rows of a parameter set or CTE ({@code = x.t}), or to
 * the {@code tenant_id} of another reference that is itself pinned. A reference counts its own
 * equality: an alias used twice needs two, so one pinned use cannot cover an unpinned one.</li>
 * <li>No statement pins tenants to two different parameters: that would join or touch two tenants.</li>
 * </ul>
 * The check reads the SQL text (string literals removed), so it knows the gateway's own dialect,
 * not all of SQL; a statement it cannot read as pinned fails, which errs on the side of a fix.
 */
final class Routability {

    /** Tables distributed by tenant_id, colocated; the runbook's list, and the key check's. */
    static final Set<String> DISTRIBUTED = Set.of("scim_user", "scim_group", "group_member", "tenant_schema",
            "idempotency_record", "tenant_limits", "rate_bucket", "activity_sequence", "activity", "event_stream",
            "oauth_code", "oauth_refresh_token");

    /** Small tables that statements reach by something other than the tenant: copied to every node. */
    static final Set<String> REFERENCE = Set.of("tenant", "tenant_token", "tenant_admin_key", "console_session",
            "oauth_client", "tenant_oidc", "trusted_issuer");

    private static final Set<String> NOT_ALIASES = Set.of("where", "on", "set", "join", "left", "right", "inner",
            "full", "cross", "order", "group", "limit", "returning", "using", "natural", "for", "values", "select",
            "union", "and", "or", "having", "window", "lateral", "offset", "fetch", "except", "intersect", "default",
            "as", "do");
    private static final String NAME = "[a-z_][a-z0-9_]*";
    private static final Pattern REFERENCE_PATTERN = Pattern.compile("\\b(from|join|update|into|using)\\s+("
            + String.join("|", DISTRIBUTED) + ")\\b(?:\\s+(?:as\\s+)?(" + NAME + "))?(\\s*\\(([^)]*)\\))?");
    private static final String OPERAND = "any\\s*\\(\\s*\\$\\d+|\\$\\d+|(?:" + NAME + "\\.)?" + NAME;
    private static final Pattern EQUALITY = Pattern.compile("(" + OPERAND + ")\\s*=\\s*(" + OPERAND + ")");
    private static final Pattern LITERAL = Pattern.compile("'(?:[^']|'')*'");
    private static final Pattern PARAMETER = Pattern.compile("\\$\\d+");

    private Routability() {
    }

    /** Why the statement is not routable, or null when it is (or touches no distributed table). */
    static String problem(String sql) {
        String text = LITERAL.matcher(sql.toLowerCase(Locale.ROOT)).replaceAll("''").replaceAll("\\s+", " ");
        List<String[]> references = new ArrayList<>();
        Set<String> unaliased = new HashSet<>();
        Matcher reference = REFERENCE_PATTERN.matcher(text);
        while (reference.find()) {
            String table = reference.group(2);
            String alias = reference.group(3);
            if (alias == null || NOT_ALIASES.contains(alias)) {
                alias = "";
                unaliased.add(table);
            }
            boolean insert = reference.group(1).equals("into");
            if (insert) {
                String columns = reference.group(5);
                if (columns == null || !List.of(columns.replace(" ", "").split(",")).contains("tenant_id")) {
                    return "INSERT INTO " + table + " does not write tenant_id";
                }
            } else {
                references.add(new String[] {table, alias});
            }
        }
        if (references.isEmpty()) {
            return null;
        }
        Set<String> aliases = new HashSet<>();
        references.forEach(r -> aliases.add(r[1]));
        Map<String, String> parent = new HashMap<>();
        Map<String, Integer> equalities = new HashMap<>();
        Set<String> tenantParameters = new HashSet<>();
        Matcher equality = EQUALITY.matcher(text);
        while (equality.find()) {
            String left = equality.group(1);
            String right = equality.group(2);
            String leftNode = tenantNode(left, unaliased);
            String rightNode = tenantNode(right, unaliased);
            if (leftNode == null && rightNode == null) {
                continue;
            }
            if (leftNode != null) {
                equalities.merge(leftNode, 1, Integer::sum);
            }
            if (rightNode != null && !right.equals(left)) {
                equalities.merge(rightNode, 1, Integer::sum);
            }
            String other = leftNode != null ? source(right, rightNode, aliases, tenantParameters)
                    : source(left, leftNode, aliases, tenantParameters);
            if (other != null) {
                union(parent, leftNode != null ? leftNode : rightNode, other);
            }
        }
        if (tenantParameters.size() > 1) {
            return "pins tenant_id to two parameters " + tenantParameters + ": it reaches two tenants";
        }
        Map<String, Integer> uses = new HashMap<>();
        references.forEach(r -> uses.merge(r[1], 1, Integer::sum));
        for (String[] r : references) {
            String node = r[1];
            boolean pinned = find(parent, node).startsWith("@");
            if (!pinned || equalities.getOrDefault(node, 0) < uses.get(node)) {
                return r[0] + (node.isEmpty() ? "" : " " + node) + " is not pinned to one tenant by tenant_id";
            }
        }
        return null;
    }

    /** The reference whose tenant_id the operand is ("" when unqualified), or null when it is no tenant_id. */
    private static String tenantNode(String operand, Set<String> unaliased) {
        if (operand.equals("tenant_id")) {
            return "";
        }
        if (!operand.endsWith(".tenant_id")) {
            return null;
        }
        String qualifier = operand.substring(0, operand.indexOf('.'));
        return unaliased.contains(qualifier) ? "" : qualifier;
    }

    /**
     * What the other side of a tenant_id equality pins it to: a parameter ("@$n"), a row source that
     * is no distributed table ("@x.t"), or another reference (its node); null when it pins nothing.
     */
    private static String source(String operand, String node, Set<String> aliases, Set<String> tenantParameters) {
        if (node != null) {
            return node;
        }
        Matcher parameter = PARAMETER.matcher(operand);
        if (parameter.find()) {
            tenantParameters.add(parameter.group());
            return "@" + parameter.group();
        }
        int dot = operand.indexOf('.');
        if (dot > 0 && !aliases.contains(operand.substring(0, dot))) {
            return "@" + operand;
        }
        return null;
    }

    private static String find(Map<String, String> parent, String node) {
        String root = node;
        while (parent.containsKey(root)) {
            root = parent.get(root);
        }
        return root;
    }

    /** Joins two sets; a pinned root ("@...") stays the root, so a set is pinned when its root is. */
    private static void union(Map<String, String> parent, String a, String b) {
        String rootA = find(parent, a);
        String rootB = find(parent, b);
        if (rootA.equals(rootB)) {
            return;
        }
        if (rootA.startsWith("@")) {
            parent.put(rootB, rootA);
        } else {
            parent.put(rootA, rootB);
        }
    }
}
