package dev.scimgateway.storage;

import dev.scimgateway.events.ActivityEntry;
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
 * {@link #LOGGED}, which writes them; their numbers in the tenant's sequence come after they commit
 * (see {@link ChangeNumbering}), so the write takes no lock beyond its own rows.
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

    /**
     * Appended to a statement whose {@code changes} CTE yields these columns in this order. The rows
     * take their ids in the order of {@code ord} and no number: {@link ChangeNumbering} numbers them
     * once they have committed.
     */
    static final String LOGGED = ", logged AS (INSERT INTO activity (tenant_id, action, resource_type, resource_id,"
            + " external_id, label, members_added, members_removed, member_ids, token_id, token_name, request_id,"
            + " bulk_id, op_index) SELECT c.tenant_id, c.action, c.resource_type, c.resource_id, c.external_id, c.label,"
            + " c.members_added, c.members_removed, c.member_ids, c.token_id, c.token_name, c.request_id, c.bulk_id,"
            + " c.op_index FROM changes c ORDER BY c.ord RETURNING 1)";

    /** The rows of changes still waiting for their number (the predicate of their partial index). */
    static final String UNNUMBERED = "seq IS NULL AND action <> '" + ActivityEntry.REFUSED + "'";

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
