package dev.scimgateway.storage;

import dev.scimgateway.idempotency.KeyedCreate;
import dev.scimgateway.scim.protocol.ResourceRecord;
import dev.scimgateway.scim.web.StoredResponse;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;

/**
 * The Idempotency-Key of a keyed create, written by the statement that creates the resource
 * ({@link KeyedCreate}): the key is claimed there, its record pointing at the new resource, or,
 * when the run claimed it first, that claim is marked with the new resource's id. Either way the
 * resource and its key commit together or not at all, so a retry after a crash finds both (and
 * is answered from the resource) or neither (and runs again). When the run could say its answer
 * before the write, the record holds that answer too, and no statement after it is needed.
 *
 * <p>The claim has no {@code ON CONFLICT}: a key taken meanwhile fails the whole statement (a
 * coalesced one then runs each create alone) and that create with {@link dev.scimgateway.idempotency.KeyHeld},
 * so a resource is never written without its key. A key that another statement is claiming at
 * the same moment makes this one wait for that one's end, and then fail the same way.
 */
final class CreationKeys {

    /** The parameters of one create's key, bound by {@link #bind} or, one array each, by {@link #bindAll}. */
    static final int PARAMETERS = 8;

    private static final String[] TYPES = {"text", "boolean", "text", "float8", "float8", "integer", "text", "text"};
    private static final Class<?>[] CLASSES = {String.class, Boolean.class, String.class, Double.class, Double.class,
        Integer.class, String.class, String.class};
    private static final String COLUMNS = "k, held, f, r, l, s, h, b";

    private CreationKeys() {}

    /** After a CTE {@code created} (tenant_id, id) of a single-row create whose tenant and id are $1 and $2. */
    static String one(int firstParameter) {
        StringBuilder values = new StringBuilder("$1::text, $2::uuid");
        for (int i = 0; i < PARAMETERS; i++) {
            values.append(", $").append(firstParameter + i).append("::").append(TYPES[i]);
        }
        return ctes("SELECT * FROM (VALUES (" + values + ")) AS y(t, i, " + COLUMNS + ") WHERE k IS NOT NULL");
    }

    /** After a CTE {@code created} (tenant_id, id) of a multi-row create whose tenants and ids are $1 and $2. */
    static String many(int firstParameter) {
        StringBuilder arrays = new StringBuilder("$1::text[], $2::uuid[]");
        for (int i = 0; i < PARAMETERS; i++) {
            arrays.append(", $").append(firstParameter + i).append("::").append(TYPES[i]).append("[]");
        }
        return ctes("SELECT * FROM unnest(" + arrays + ") AS y(t, i, " + COLUMNS + ") WHERE k IS NOT NULL");
    }

    /**
     * A key the run claimed first is marked only when its resource was written. A key the statement
     * claims is claimed whether or not the resource was written (a taken userName writes none): its
     * record then waits for the run's answer, as a claim taken first does, and a retry of a create
     * that committed, whose resource now clashes with itself, still reaches the key and fails on it.
     */
    private static String ctes(String keys) {
        String ofCreated = " keyed.t = created.tenant_id AND keyed.i = created.id";
        String kept = "created.id IS NOT NULL AND keyed.b IS NOT NULL";
        return ", keyed AS (" + keys + "),"
                + " marked AS (UPDATE idempotency_record r SET resource_id = created.id,"
                + " state = CASE WHEN keyed.b IS NULL THEN r.state ELSE 'done' END, status = coalesce(keyed.s, r.status),"
                + " headers = coalesce(keyed.h::jsonb, r.headers), body = coalesce(decode(keyed.b, 'base64'), r.body)"
                + " FROM created JOIN keyed ON" + ofCreated
                + " WHERE keyed.held AND r.tenant_id = keyed.t AND r.key = keyed.k AND r.state = 'in_flight'),"
                + " claimed AS (INSERT INTO idempotency_record (tenant_id, key, fingerprint, state, status, headers, body,"
                + " resource_id, created_at, expires_at, locked_until) SELECT keyed.t, keyed.k, decode(keyed.f, 'hex'),"
                + " CASE WHEN " + kept + " THEN 'done' ELSE 'in_flight' END, CASE WHEN " + kept + " THEN keyed.s END,"
                + " CASE WHEN " + kept + " THEN keyed.h::jsonb END, CASE WHEN " + kept + " THEN decode(keyed.b, 'base64') END,"
                + " created.id, now(), now() + make_interval(secs => keyed.r), now() + make_interval(secs => keyed.l)"
                + " FROM keyed LEFT JOIN created ON" + ofCreated + " WHERE NOT keyed.held)";
    }

    /** The values of one create's key, in the order of {@link #COLUMNS}. */
    private static Object[] values(@Nullable KeyedCreate create, ResourceRecord created, JsonDocs docs) {
        KeyedCreate.Unclaimed unclaimed = create == null ? null : create.unclaimed();
        StoredResponse answer = create == null ? null : create.answerFor(created);
        return new Object[] {
            create == null ? null : create.key(),
            create != null && unclaimed == null,
            unclaimed == null ? null : HexFormat.of().formatHex(unclaimed.fingerprint()),
            unclaimed == null ? 0.0 : (double) unclaimed.retention().toSeconds(),
            unclaimed == null ? 0.0 : (double) unclaimed.lease().toSeconds(),
            answer == null ? null : answer.status(),
            answer == null ? null : docs.text(answer.headers()),
            answer == null ? null : Base64.getEncoder().encodeToString(answer.body())
        };
    }

    static GenericExecuteSpec bind(GenericExecuteSpec spec, int first, KeyedCreate create, ResourceRecord created,
            JsonDocs docs) {
        Object[] values = values(create, created, docs);
        for (int i = 0; i < PARAMETERS; i++) {
            spec = spec.bind(first + i, ActivityRows.typed(values[i], CLASSES[i]));
        }
        return spec;
    }

    static GenericExecuteSpec bindAll(GenericExecuteSpec spec, int first, List<@Nullable KeyedCreate> creates,
            List<ResourceRecord> created, JsonDocs docs) {
        int n = creates.size();
        Object[][] columns = {new String[n], new Boolean[n], new String[n], new Double[n], new Double[n], new Integer[n],
            new String[n], new String[n]};
        for (int row = 0; row < n; row++) {
            Object[] values = values(creates.get(row), created.get(row), docs);
            for (int i = 0; i < PARAMETERS; i++) {
                columns[i][row] = values[i];
            }
        }
        for (int i = 0; i < PARAMETERS; i++) {
            spec = spec.bind(first + i, columns[i]);
        }
        return spec;
    }

    /**
     * Tells a keyed create what its statement, which succeeded, did: claimed its key (or left the
     * run's claim alone) and, when {@code written}, wrote its resource with the key and the answer
     * it kept.
     */
    static void settled(@Nullable KeyedCreate create, boolean written) {
        if (create != null) {
            create.markClaimed();
            if (written) {
                create.markWritten();
            }
        }
    }
}
