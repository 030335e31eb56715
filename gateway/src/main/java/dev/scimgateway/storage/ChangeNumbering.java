package dev.scimgateway.storage;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Gives a tenant's committed changes their sequence numbers, in the order of their rows, just before
 * anyone reads the log. The writes leave their rows unnumbered: numbering there held the tenant's
 * counter row until the write committed, so two writes of one tenant could never share a commit
 * flush, and {@code POST /Users} lost 17 % to it. Here a numbering transaction takes the counter row
 * first and then numbers what has committed; numberings of a tenant therefore commit in the order
 * of their numbers, and a reader that has seen number n has seen every number below it. A change
 * written after another one it waited for (the same resource) has the higher row id and becomes
 * visible later, so it also gets the higher number.
 */
final class ChangeNumbering {

    /** Rows numbered per transaction, so a long backlog never holds its rows for long. */
    static final int BATCH = 5_000;

    private static final String ANY_UNNUMBERED = "SELECT EXISTS (SELECT 1 FROM activity WHERE tenant_id = $1"
            + " AND " + ActivityRows.UNNUMBERED + ")";

    /** Makes the counter row if it is the tenant's first numbering, and holds it for the transaction. */
    private static final String TAKE_COUNTER = "INSERT INTO activity_sequence AS s (tenant_id, last_seq) VALUES ($1, 0)"
            + " ON CONFLICT (tenant_id) DO UPDATE SET last_seq = s.last_seq";

    /**
     * Locks the oldest unnumbered rows (one that retention deleted meanwhile drops out here, before
     * it is counted, so no number is lost) and numbers them after the counter.
     */
    private static final String NUMBER = "WITH fresh AS (SELECT id FROM activity WHERE tenant_id = $1 AND "
            + ActivityRows.UNNUMBERED + " ORDER BY id LIMIT $2 FOR UPDATE),"
            + " ranked AS (SELECT id, row_number() OVER (ORDER BY id) AS n FROM fresh),"
            + " counter AS (UPDATE activity_sequence SET last_seq = last_seq + (SELECT count(*) FROM ranked)"
            + " WHERE tenant_id = $1 RETURNING last_seq - (SELECT count(*) FROM ranked) AS base),"
            + " numbered AS (UPDATE activity a SET seq = counter.base + ranked.n FROM ranked, counter"
            + " WHERE a.tenant_id = $1 AND a.id = ranked.id RETURNING 1)"
            + " SELECT count(*) FROM numbered";

    private static final String TENANTS_WITH_STREAMS = "SELECT DISTINCT tenant_id FROM event_stream";

    private final DatabaseClient db;
    private final TransactionalOperator tx;

    ChangeNumbering(DatabaseClient db, TransactionalOperator tx) {
        this.db = db;
        this.tx = tx;
    }

    /** Numbers every change of the tenant that has committed, batch after batch. */
    Mono<Void> number(String tenantId) {
        return db.sql(ANY_UNNUMBERED)
                .bind(0, tenantId)
                .map(row -> row.get(0, Boolean.class))
                .one()
                .filter(Boolean.TRUE::equals)
                .flatMapMany(any -> batch(tenantId).expand(numbered -> numbered == BATCH ? batch(tenantId) : Mono.empty()))
                .then()
                .onErrorMap(StorageErrors::translate);
    }

    /** The number of the tenant's newest change, once its committed changes are numbered; 0 when it has none. */
    Mono<Long> newest(String tenantId) {
        return number(tenantId).then(db.sql("SELECT coalesce(max(seq), 0) FROM activity WHERE tenant_id = $1"
                        + " AND seq IS NOT NULL")
                .bind(0, tenantId)
                .map(row -> row.get(0, Long.class))
                .one())
                .onErrorMap(StorageErrors::translate);
    }

    /** Numbers the changes of every tenant that has a stream, a few tenants at a time. */
    Mono<Void> numberStreamTenants() {
        return db.sql(TENANTS_WITH_STREAMS)
                .map(row -> row.get(0, String.class))
                .all()
                .flatMap(this::number, 4)
                .then()
                .onErrorMap(StorageErrors::translate);
    }

    private Mono<Long> batch(String tenantId) {
        Mono<Long> numbered = db.sql(TAKE_COUNTER)
                .bind(0, tenantId)
                .then()
                .then(db.sql(NUMBER)
                        .bind(0, tenantId)
                        .bind(1, BATCH)
                        .map(row -> row.get(0, Long.class))
                        .one());
        return tx.transactional(numbered);
    }
}
