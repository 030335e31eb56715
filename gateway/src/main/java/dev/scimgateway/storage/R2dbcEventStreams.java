package dev.scimgateway.storage;

import dev.scimgateway.events.EventStream;
import dev.scimgateway.events.FeedLag;
import dev.scimgateway.events.StreamStore;
import io.r2dbc.spi.Readable;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The event streams, one row each, keyed by tenant first. */
final class R2dbcEventStreams implements StreamStore {

    private static final String COLUMNS = "id, tenant_id, iss, events_requested, events_delivered, delivery_method,"
            + " endpoint_url, authorization_header, description, status, status_reason, acked_seq, acked_above";

    /** Of the changes acknowledged, those that count: the tenant's, delivered on the stream, above its position. */
    private static final String DELIVERED_AMONG = """
            SELECT seq FROM activity
            WHERE tenant_id = $1 AND seq IS NOT NULL AND seq = ANY($2) AND seq > $3 AND action = ANY($4)""";

    /** The first change above the position that the stream delivers and that is not acknowledged. */
    private static final String FIRST_OPEN = """
            SELECT min(seq) FROM activity
            WHERE tenant_id = $1 AND seq IS NOT NULL AND seq > $2 AND action = ANY($3) AND NOT (seq = ANY($4))""";

    /**
     * A disabled stream holds nothing (SSF 1.0 §8.1.2): disabling it, and enabling it again, move its
     * position to the tenant's newest change, so what happened while it was disabled is dropped.
     * Enabling a stream that push paused after its failures tries it again at once.
     * (In an UPDATE, {@code status} on the right is the value before it.)
     */
    private static final String STATUS = """
            UPDATE event_stream SET status = $3, status_reason = $4,
              acked_seq = CASE WHEN status = 'disabled' OR $3 = 'disabled' THEN greatest(acked_seq,
                  (SELECT coalesce(max(seq), 0) FROM activity WHERE tenant_id = $1 AND seq IS NOT NULL))
                ELSE acked_seq END,
              acked_above = CASE WHEN status = 'disabled' OR $3 = 'disabled' THEN '{}' ELSE acked_above END,
              push_failures = CASE WHEN $3 = 'enabled' THEN 0 ELSE push_failures END,
              push_next_attempt = CASE WHEN $3 = 'enabled' THEN NULL ELSE push_next_attempt END
            WHERE tenant_id = $1 AND id = $2
            RETURNING """ + " " + COLUMNS;

    private final DatabaseClient db;
    private final TransactionalOperator tx;
    private final ChangeNumbering numbering;

    R2dbcEventStreams(DatabaseClient db, TransactionalOperator tx, ChangeNumbering numbering) {
        this.db = db;
        this.tx = tx;
        this.numbering = numbering;
    }

    @Override
    public Mono<EventStream> create(EventStream stream) {
        return numbering.newest(stream.tenantId()).flatMap(newest -> {
            DatabaseClient.GenericExecuteSpec insert = db.sql("INSERT INTO event_stream (" + COLUMNS + ") VALUES"
                            + " ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, '{}') RETURNING " + COLUMNS)
                    .bind(0, stream.id())
                    .bind(1, stream.tenantId())
                    .bind(2, stream.issuer())
                    .bind(11, newest);
            return nullable(configured(insert, stream, 3).bind(9, stream.status().wire()), 10, stream.reason())
                    .map(R2dbcEventStreams::stream).one();
        }).onErrorMap(StorageErrors::translate);
    }

    @Override
    public Flux<EventStream> list(String tenantId) {
        return db.sql("SELECT " + COLUMNS + " FROM event_stream WHERE tenant_id = $1 ORDER BY created_at, id")
                .bind(0, tenantId)
                .map(R2dbcEventStreams::stream)
                .all()
                .onErrorMap(StorageErrors::translate);
    }

    @Override
    public Mono<EventStream> find(String tenantId, UUID id) {
        return db.sql("SELECT " + COLUMNS + " FROM event_stream WHERE tenant_id = $1 AND id = $2")
                .bind(0, tenantId)
                .bind(1, id)
                .map(R2dbcEventStreams::stream)
                .one()
                .onErrorMap(StorageErrors::translate);
    }

    @Override
    public Mono<EventStream> configure(EventStream stream) {
        DatabaseClient.GenericExecuteSpec update = db.sql("UPDATE event_stream SET events_requested = $3,"
                        + " events_delivered = $4, delivery_method = $5, endpoint_url = $6, authorization_header = $7,"
                        + " description = $8 WHERE tenant_id = $1 AND id = $2 RETURNING " + COLUMNS)
                .bind(0, stream.tenantId())
                .bind(1, stream.id());
        return configured(update, stream, 2).map(R2dbcEventStreams::stream).one().onErrorMap(StorageErrors::translate);
    }

    /** Binds what the receiver configures, from parameter index {@code first} on (8 parameters). */
    private static DatabaseClient.GenericExecuteSpec configured(DatabaseClient.GenericExecuteSpec spec, EventStream stream,
            int first) {
        spec = spec.bind(first, stream.eventsRequested().toArray(String[]::new))
                .bind(first + 1, stream.eventsDelivered().toArray(String[]::new))
                .bind(first + 2, stream.delivery().method());
        spec = nullable(spec, first + 3, stream.delivery().endpointUrl());
        spec = nullable(spec, first + 4, stream.delivery().authorizationHeader());
        spec = nullable(spec, first + 5, stream.description());
        return spec;
    }

    @Override
    public Mono<EventStream> status(String tenantId, UUID id, EventStream.Status status, @Nullable String reason) {
        DatabaseClient.GenericExecuteSpec update = db.sql(STATUS)
                .bind(0, tenantId)
                .bind(1, id)
                .bind(2, status.wire());
        return numbering.number(tenantId).then(nullable(update, 3, reason).map(R2dbcEventStreams::stream).one())
                .onErrorMap(StorageErrors::translate);
    }

    @Override
    public Mono<Boolean> delete(String tenantId, UUID id) {
        return db.sql("DELETE FROM event_stream WHERE tenant_id = $1 AND id = $2")
                .bind(0, tenantId)
                .bind(1, id)
                .fetch()
                .rowsUpdated()
                .map(count -> count > 0)
                .onErrorMap(StorageErrors::translate);
    }

    /**
     * Under the stream's row lock, so that two polls acknowledging at once take turns: the
     * acknowledged changes that count join those acknowledged out of order before, and the position
     * moves to just below the first delivered change still open (or to the newest acknowledged when
     * none is): a tenant's changes become visible in sequence order, so no change can appear below
     * the new position later.
     */
    @Override
    public Mono<EventStream> acknowledge(String tenantId, UUID id, Collection<Long> seqs, List<String> actions) {
        String[] actionArray = actions.toArray(String[]::new);
        Mono<EventStream> work = db.sql("SELECT " + COLUMNS + " FROM event_stream WHERE tenant_id = $1 AND id = $2 FOR UPDATE")
                .bind(0, tenantId)
                .bind(1, id)
                .map(R2dbcEventStreams::stream)
                .one()
                .flatMap(stream -> db.sql(DELIVERED_AMONG)
                        .bind(0, tenantId)
                        .bind(1, seqs.toArray(Long[]::new))
                        .bind(2, stream.position())
                        .bind(3, actionArray)
                        .map(row -> row.get(0, Long.class))
                        .all()
                        .collect(() -> new TreeSet<>(stream.ackedAbove()), TreeSet::add)
                        .flatMap(acked -> db.sql(FIRST_OPEN)
                                .bind(0, tenantId)
                                .bind(1, stream.position())
                                .bind(2, actionArray)
                                .bind(3, acked.toArray(Long[]::new))
                                .map(row -> Optional.ofNullable(row.get(0, Long.class)))
                                .one()
                                .flatMap(open -> {
                                    long position = open.map(first -> first - 1)
                                            .orElse(acked.isEmpty() ? stream.position() : Math.max(stream.position(), acked.last()));
                                    Long[] above = acked.tailSet(position, false).toArray(Long[]::new);
                                    return db.sql("UPDATE event_stream SET acked_seq = $3, acked_above = $4"
                                                    + " WHERE tenant_id = $1 AND id = $2 RETURNING " + COLUMNS)
                                            .bind(0, tenantId)
                                            .bind(1, id)
                                            .bind(2, position)
                                            .bind(3, above)
                                            .map(R2dbcEventStreams::stream)
                                            .one();
                                })));
        return tx.transactional(work).onErrorMap(StorageErrors::translate);
    }

    /**
     * A scan of every tenant's streams, unlike every other statement: push runs behind the log for
     * all tenants at once. (Under Citus it is a multi-shard UPDATE, which Citus runs.)
     */
    @Override
    public Flux<EventStream> claimPushStreams(UUID replica, Duration lease) {
        return db.sql("UPDATE event_stream SET push_owner = $1, push_lease_until = now() + $2 * interval '1 millisecond'"
                        + " WHERE delivery_method = $3 AND status = 'enabled'"
                        + " AND (push_next_attempt IS NULL OR push_next_attempt <= now())"
                        + " AND (push_lease_until IS NULL OR push_lease_until < now() OR push_owner = $1)"
                        + " RETURNING " + COLUMNS)
                .bind(0, replica)
                .bind(1, lease.toMillis())
                .bind(2, EventStream.PUSH)
                .map(R2dbcEventStreams::stream)
                .all()
                .onErrorMap(StorageErrors::translate);
    }

    @Override
    public Mono<EventStream> pushFailed(String tenantId, UUID id, Duration backoff, Duration maxBackoff, int pauseAfter,
            String reason) {
        // In an UPDATE, push_failures on the right is the count before this failure: 0 waits the backoff itself.
        return db.sql("UPDATE event_stream SET push_failures = push_failures + 1,"
                        + " push_next_attempt = now() + least($3 * power(2, least(push_failures, 30)), $4)"
                        + " * interval '1 millisecond',"
                        + " status = CASE WHEN push_failures + 1 >= $5 THEN 'paused' ELSE status END,"
                        + " status_reason = CASE WHEN push_failures + 1 >= $5 THEN $6 ELSE status_reason END"
                        + " WHERE tenant_id = $1 AND id = $2 RETURNING " + COLUMNS)
                .bind(0, tenantId)
                .bind(1, id)
                .bind(2, backoff.toMillis())
                .bind(3, maxBackoff.toMillis())
                .bind(4, pauseAfter)
                .bind(5, reason)
                .map(R2dbcEventStreams::stream)
                .one()
                .onErrorMap(StorageErrors::translate);
    }

    /** A scan of every tenant's streams, like the push claim: a metric of all of them. */
    @Override
    public Flux<FeedLag> lags() {
        return numbering.numberStreamTenants().thenMany(db.sql("SELECT s.tenant_id, s.id, greatest(0, (SELECT coalesce(max(a.seq), 0) FROM activity a"
                        + " WHERE a.tenant_id = s.tenant_id AND a.seq IS NOT NULL) - s.acked_seq) FROM event_stream s")
                .map(row -> new FeedLag(row.get(0, String.class), EventStream.text(row.get(1, UUID.class)),
                        row.get(2, Long.class)))
                .all())
                .onErrorMap(StorageErrors::translate);
    }

    @Override
    public Mono<Void> pushSucceeded(String tenantId, UUID id) {
        return db.sql("UPDATE event_stream SET push_failures = 0, push_next_attempt = NULL"
                        + " WHERE tenant_id = $1 AND id = $2 AND push_failures > 0")
                .bind(0, tenantId)
                .bind(1, id)
                .then()
                .onErrorMap(StorageErrors::translate);
    }

    private static DatabaseClient.GenericExecuteSpec nullable(DatabaseClient.GenericExecuteSpec spec, int index,
            @Nullable String value) {
        return value == null ? spec.bindNull(index, String.class) : spec.bind(index, value);
    }

    private static EventStream stream(Readable row) {
        Long[] above = row.get(12, Long[].class);
        return new EventStream(row.get(0, UUID.class), row.get(1, String.class), row.get(2, String.class),
                List.of(row.get(3, String[].class)), List.of(row.get(4, String[].class)),
                new EventStream.Delivery(row.get(5, String.class), row.get(6, String.class), row.get(7, String.class)),
                row.get(8, String.class), EventStream.Status.of(row.get(9, String.class)).orElse(EventStream.Status.DISABLED),
                row.get(10, String.class), row.get(11, Long.class), above == null ? List.of() : Arrays.asList(above));
    }
}
