package dev.scimgateway.storage;

import dev.scimgateway.events.ChangeOrigin;
import dev.scimgateway.resources.MembershipChange;
import io.micrometer.core.instrument.Counter;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;
import org.springframework.r2dbc.core.Parameter;

/**
 * The activity log rows a change writes, in the statement of the change itself (or, for a write
 * with members, as the last statement of its transaction): a 2xx always has its row, and a change
 * that rolled back never has one. A statement defines a CTE named {@code changes} and appends
 * {@link #LOGGED}, which numbers the changes per tenant and writes them. The tenant's sequence row
 * is taken after the change's own rows and stays locked until the change commits, so a tenant's
 * changes become visible in the order of their numbers: whoever has read number n has seen every
 * change below it. Tenants are locked in id order, so two statements never wait on each other.
 */
final class ActivityRows {

    /** What a change did, as the log and the change feed name it. */
    enum Action {
        CREATE, REPLACE, PATCH, DELETE;

        String text() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * What a change's statement records besides the row: its action, and for a change of members,
     * the counts and (when they are few) the ids it named.
     */
    record Note(Action action, @Nullable Long membersAdded, @Nullable Long membersRemoved, UUID @Nullable [] memberIds) {

        static Note of(Action action) {
            return new Note(action, null, null, null);
        }

        static Note members(Action action, long added, long removed, MembershipChange change) {
            return new Note(action, added, removed, fewIds(change));
        }
    }

    /**
     * The meter of the rows written, which every store registers at its construction (the same
     * name registers once and is shared): counted when they commit.
     */
    static Counter.Builder loggedMeter() {
        return Counter.builder("scim.events.written")
                .description("Changes written into the activity log (the change feed's events), counted once committed");
    }

    /** Beyond this many ids a membership change is logged by its counts alone, so a row stays small. */
    static final int FEW_MEMBERS = 20;

    /** Appended to a statement whose {@code changes} CTE yields these columns in this order. */
    static final String LOGGED = ", counted AS (SELECT tenant_id, count(*) AS n FROM changes GROUP BY tenant_id),"
            + " numbered AS (INSERT INTO activity_sequence AS s (tenant_id, last_seq)"
            + " SELECT tenant_id, n FROM counted ORDER BY tenant_id"
            + " ON CONFLICT (tenant_id) DO UPDATE SET last_seq = s.last_seq + excluded.last_seq"
            + " RETURNING s.tenant_id, s.last_seq),"
            + " logged AS (INSERT INTO activity (tenant_id, seq, action, resource_type, resource_id, external_id, label,"
            + " members_added, members_removed, member_ids, token_id, token_name, request_id, bulk_id, op_index)"
            + " SELECT c.tenant_id, numbered.last_seq - counted.n"
            + " + row_number() OVER (PARTITION BY c.tenant_id ORDER BY c.ord), c.action, c.resource_type,"
            + " c.resource_id, c.external_id, c.label, c.members_added, c.members_removed, c.member_ids,"
            + " c.token_id, c.token_name, c.request_id, c.bulk_id, c.op_index FROM changes c"
            + " JOIN counted ON counted.tenant_id = c.tenant_id JOIN numbered ON numbered.tenant_id = c.tenant_id"
            + " RETURNING 1)";

    /** A column for the answer of a statement that ends with {@link #LOGGED}: how many rows it logged. */
    static final String LOGGED_COUNT = "(SELECT count(*) FROM logged) AS logged";

    private ActivityRows() {}

    /**
     * The {@code changes} CTE of a statement that changed one row, read from the CTE {@code source}
     * (its tenant_id, id, external_id and label; with {@code activation}, also its active value before
     * ({@code was}) and after ({@code now})): the note's action, then activate or deactivate when
     * active flipped. The note and the origin are the parameters from the zero-based {@code first} on,
     * as {@link #bind} binds them.
     */
    static String oneRow(String source, ResourceColumns columns, int first, boolean activation) {
        String flipped = activation
                ? ", (CASE WHEN x.was IS DISTINCT FROM x.now THEN CASE WHEN x.now THEN 'activate' ELSE 'deactivate' END END, 2)"
                : "";
        return " changes AS (SELECT x.tenant_id, '" + columns.resourceType() + "'::text AS resource_type,"
                + " x.id AS resource_id, a.action, x.external_id, x.label, " + p(first) + "::bigint AS members_added, "
                + p(first + 1) + "::bigint AS members_removed, " + p(first + 2) + "::uuid[] AS member_ids, "
                + p(first + 3) + "::uuid AS token_id, " + p(first + 4) + "::text AS token_name, " + p(first + 5)
                + "::text AS request_id, " + p(first + 6) + "::text AS bulk_id, " + p(first + 7) + "::integer AS op_index,"
                + " a.ord FROM " + source + " x CROSS JOIN LATERAL (VALUES (" + p(first + 8) + "::text, 1)" + flipped
                + ") AS a(action, ord) WHERE a.action IS NOT NULL)";
    }

    /** The placeholder of the zero-based parameter {@code index}. */
    private static String p(int index) {
        return "$" + (index + 1);
    }

    /** Binds what {@link #oneRow} reads, from the zero-based {@code first} on. */
    static GenericExecuteSpec bind(GenericExecuteSpec spec, int first, Note note, ChangeOrigin origin) {
        return spec.bind(first, typed(note.membersAdded(), Long.class))
                .bind(first + 1, typed(note.membersRemoved(), Long.class))
                .bind(first + 2, typed(note.memberIds(), UUID[].class))
                .bind(first + 3, typed(origin.tokenId(), UUID.class))
                .bind(first + 4, typed(origin.tokenName(), String.class))
                .bind(first + 5, typed(origin.requestId(), String.class))
                .bind(first + 6, typed(origin.bulkId(), String.class))
                .bind(first + 7, typed(origin.operationIndex(), Integer.class))
                .bind(first + 8, note.action().text());
    }

    private static UUID @Nullable [] fewIds(MembershipChange change) {
        Set<UUID> named = new LinkedHashSet<>(change.toInsert());
        named.addAll(change.toDelete());
        Set<UUID> kept = change.keepOnly();
        if (kept != null) {
            named.addAll(kept);
        }
        return named.size() <= FEW_MEMBERS ? named.toArray(UUID[]::new) : null;
    }

    /** R2DBC needs the type of a null. */
    static Object typed(@Nullable Object value, Class<?> type) {
        return value == null ? Parameter.empty(type) : value;
    }
}
