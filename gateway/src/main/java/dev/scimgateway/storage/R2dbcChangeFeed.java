package dev.scimgateway.storage;

import dev.scimgateway.events.Change;
import dev.scimgateway.events.ChangeFeed;
import io.r2dbc.spi.Readable;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The change feed's reads of the activity log: by the index on (tenant_id, seq), changes only. */
final class R2dbcChangeFeed implements ChangeFeed {

    private static final String PENDING = """
            SELECT tenant_id, seq, at, action, resource_type, resource_id, external_id, members_added,
                   members_removed, request_id, op_index
            FROM activity
            WHERE tenant_id = $1 AND seq IS NOT NULL AND seq > $2 AND seq < $3 AND action = ANY($4)
              AND NOT (seq = ANY($5))
            ORDER BY seq
            LIMIT $6""";

    private final DatabaseClient db;
    private final ChangeNumbering numbering;

    R2dbcChangeFeed(DatabaseClient db, ChangeNumbering numbering) {
        this.db = db;
        this.numbering = numbering;
    }

    @Override
    public Flux<Change> pending(String tenantId, long position, long below, Collection<Long> skip, List<String> actions,
            int limit) {
        return numbering.number(tenantId).thenMany(db.sql(PENDING)
                .bind(0, tenantId)
                .bind(1, position)
                .bind(2, below)
                .bind(3, actions.toArray(String[]::new))
                .bind(4, skip.toArray(Long[]::new))
                .bind(5, limit)
                .map(R2dbcChangeFeed::change)
                .all())
                .onErrorMap(StorageErrors::translate);
    }

    @Override
    public Mono<Long> newest(String tenantId) {
        return numbering.newest(tenantId);
    }

    private static Change change(Readable row) {
        OffsetDateTime at = row.get(2, OffsetDateTime.class);
        return new Change(row.get(0, String.class), row.get(1, Long.class), at.toInstant(), row.get(3, String.class),
                row.get(4, String.class), row.get(5, UUID.class), row.get(6, String.class), row.get(7, Long.class),
                row.get(8, Long.class), row.get(9, String.class), row.get(10, Integer.class));
    }
}
