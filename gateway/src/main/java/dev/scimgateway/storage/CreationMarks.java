package dev.scimgateway.storage;

/**
 * A keyed create marks its Idempotency-Key claim with the id of what it created, in the statement
 * that creates it: the resource and the mark commit together or not at all, so a retry after a
 * crash finds either both (and is answered from the resource) or neither (and runs again). The
 * mark goes only on a claim still in flight, so it costs no round trip and never touches an answer.
 * Which claim a create runs on comes from its Reactor context ({@code idempotency.ClaimedKey}).
 */
final class CreationMarks {

    /** Joined to a create's RETURNING tenant_id, id (as {@code created}) and its keys (as {@code claimed(t, i, k)}). */
    static final String MARK = "UPDATE idempotency_record r SET resource_id = created.id FROM created"
            + " JOIN claimed ON claimed.t = created.tenant_id AND claimed.i = created.id"
            + " WHERE r.tenant_id = claimed.t AND r.key = claimed.k AND r.state = 'in_flight'";

    private CreationMarks() {}

    /**
     * The CTEs that mark, after a CTE {@code created} (tenant_id, id) of a single-row create, the claim
     * bound at {@code $keyParameter} ($1 and $2 must be the tenant and the id).
     */
    static String marked(int keyParameter) {
        return ", claimed AS (SELECT $1::text AS t, $2::uuid AS i, $" + keyParameter + "::text AS k), marked AS ("
                + MARK + ")";
    }
}
