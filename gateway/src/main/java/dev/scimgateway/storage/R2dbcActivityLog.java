package dev.scimgateway.storage;

import dev.scimgateway.events.ActivityEntry;
import dev.scimgateway.events.ActivityKind;
import dev.scimgateway.events.ActivityLog;
import dev.scimgateway.events.HourlyActivity;
import dev.scimgateway.events.ActivityQuery;
import dev.scimgateway.events.Outcome;
import dev.scimgateway.events.Refusal;
import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The activity table, as the admin API reads it and the refusal writer and the retention write it.
 * Pages are keyset pages on the row id, newest first, over the index (tenant_id, id): a page costs
 * the same at the end of a tenant's history as at its start.
 */
final class R2dbcActivityLog implements ActivityLog {

    private static final String COLUMNS = "id, at, seq, action, resource_type, resource_id, external_id, label,"
            + " members_added, members_removed, member_ids, status, scim_type, detail, method, path, token_id,"
            + " token_name, request_id, bulk_id, op_index";

    private static final String INSERT_REFUSALS = "INSERT INTO activity (tenant_id, at, action, status, scim_type, detail,"
            + " method, path, token_id, token_name, request_id, resource_type, resource_id, bulk_id, op_index)"
            + " SELECT t, a, '" + ActivityEntry.REFUSED + "', s, st, d, m, p, ti, tn, r, rt, ri, bk, ix"
            + " FROM unnest($1::text[], $2::timestamptz[], $3::int[], $4::text[], $5::text[], $6::text[], $7::text[],"
            + " $8::uuid[], $9::text[], $10::text[], $11::text[], $12::uuid[], $13::text[], $14::int[])"
            + " AS x(t, a, s, st, d, m, p, ti, tn, r, rt, ri, bk, ix)";

    /**
     * Takes the oldest rows by the primary key and deletes those among them that have expired. Rows
     * are written in time order but for the few seconds a refusal waits for its batch, so a batch
     * that finds a young row is the last one, and a straggler goes in the next run. SKIP LOCKED lets
     * two replicas clean at once, each on its own rows, without waiting for the other.
     */
    /** Found through the BRIN index on {@code at}; rows a reader is numbering are left for the next batch. */
    private static final String DELETE_OLDEST = "WITH oldest AS (SELECT tenant_id, id FROM activity WHERE at < $1"
            + " LIMIT $2 FOR UPDATE SKIP LOCKED) DELETE FROM activity a USING oldest o"
            + " WHERE a.tenant_id = o.tenant_id AND a.id = o.id";

    /**
     * The window's rows of one tenant, counted per hour. It names the tenant and the time, so that
     * it can read the tenant's rows by the primary key (tenant_id, id) or the window by the BRIN
     * index on {@code at}, whichever the planner finds cheaper; callers cache the answer.
     */
    private static final String HOURLY = "SELECT date_trunc('hour', at, 'UTC') AS hour,"
            + " count(*) FILTER (WHERE action = 'create'),"
            // A change of active is logged as its replace or patch and a second row, activate or deactivate:
            // a deactivation counts as that, not as an update too; a reactivation stays an update.
            + " count(*) FILTER (WHERE action IN ('replace', 'patch')) - count(*) FILTER (WHERE action = 'deactivate'),"
            + " count(*) FILTER (WHERE action = 'deactivate'),"
            + " count(*) FILTER (WHERE action = 'delete'),"
            + " count(*) FILTER (WHERE action = '" + ActivityEntry.REFUSED + "'),"
            + " count(*) FILTER (WHERE action = '" + ActivityEntry.REFUSED + "' AND status = 429)"
            + " FROM activity WHERE tenant_id = $1 AND at >= $2 GROUP BY 1 ORDER BY 1";

    private final DatabaseClient db;
    private final ChangeNumbering numbering;

    R2dbcActivityLog(DatabaseClient db, ChangeNumbering numbering) {
        this.db = db;
        this.numbering = numbering;
    }

    @Override
    public Mono<Void> appendRefusals(List<Refusal> refusals) {
        if (refusals.isEmpty()) {
            return Mono.empty();
        }
        return db.sql(INSERT_REFUSALS)
                .bind(0, refusals.stream().map(Refusal::tenantId).toArray(String[]::new))
                .bind(1, refusals.stream().map(r -> r.at().atOffset(ZoneOffset.UTC)).toArray(OffsetDateTime[]::new))
                .bind(2, refusals.stream().map(Refusal::status).toArray(Integer[]::new))
                .bind(3, refusals.stream().map(Refusal::scimType).toArray(String[]::new))
                .bind(4, refusals.stream().map(Refusal::detail).toArray(String[]::new))
                .bind(5, refusals.stream().map(Refusal::method).toArray(String[]::new))
                .bind(6, refusals.stream().map(Refusal::path).toArray(String[]::new))
                .bind(7, refusals.stream().map(Refusal::tokenId).toArray(UUID[]::new))
                .bind(8, refusals.stream().map(Refusal::tokenName).toArray(String[]::new))
                .bind(9, refusals.stream().map(Refusal::requestId).toArray(String[]::new))
                .bind(10, refusals.stream().map(Refusal::resourceType).toArray(String[]::new))
                .bind(11, refusals.stream().map(Refusal::resourceId).toArray(UUID[]::new))
                .bind(12, refusals.stream().map(Refusal::bulkId).toArray(String[]::new))
                .bind(13, refusals.stream().map(Refusal::operationIndex).toArray(Integer[]::new))
                .then()
                .onErrorMap(StorageErrors::translate);
    }

    @Override
    public Flux<ActivityEntry> newestFirst(ActivityQuery query) {
        SqlParams params = new SqlParams(query.tenantId());
        StringBuilder sql = new StringBuilder("SELECT ").append(COLUMNS).append(" FROM activity WHERE tenant_id = ")
                .append(SqlParams.TENANT);
        if (query.before() != null) {
            sql.append(" AND id < ").append(params.add(query.before()));
        }
        if (query.kind() != null) {
            sql.append(query.kind() == ActivityKind.ERROR ? " AND action = " : " AND action <> ")
                    .append(params.add(ActivityEntry.REFUSED));
        }
        if (query.resourceType() != null) {
            sql.append(" AND resource_type = ").append(params.add(query.resourceType()));
        }
        if (query.resourceId() != null) {
            sql.append(" AND resource_id = ").append(params.add(query.resourceId()));
        }
        if (query.tokenId() != null) {
            sql.append(" AND token_id = ").append(params.add(query.tokenId()));
        }
        if (query.tokenName() != null) {
            sql.append(" AND token_name = ").append(params.add(query.tokenName()));
        }
        Outcome outcome = query.outcome();
        if (outcome != null) {
            sql.append(outcome.success() ? " AND status IS NULL"
                    : " AND status BETWEEN " + params.add(outcome.lowest()) + " AND " + params.add(outcome.highest()));
        }
        if (query.since() != null) {
            sql.append(" AND at >= ").append(params.add(query.since().atOffset(ZoneOffset.UTC)));
        }
        if (query.until() != null) {
            sql.append(" AND at < ").append(params.add(query.until().atOffset(ZoneOffset.UTC)));
        }
        sql.append(" ORDER BY id DESC LIMIT ").append(params.add(query.count()));
        // Numbered first, so a change listed here carries its number in the tenant's sequence.
        return numbering.number(query.tenantId())
                .thenMany(params.bindAll(db.sql(sql.toString())).map(R2dbcActivityLog::entry).all())
                .onErrorMap(StorageErrors::translate);
    }

    @Override
    public Flux<HourlyActivity> hourly(String tenantId, Instant since) {
        return db.sql(HOURLY)
                .bind(0, tenantId)
                .bind(1, since.atOffset(ZoneOffset.UTC))
                .map(row -> new HourlyActivity(row.get(0, OffsetDateTime.class).toInstant(), count(row, 1), count(row, 2),
                        count(row, 3), count(row, 4), count(row, 5), count(row, 6)))
                .all()
                .onErrorMap(StorageErrors::translate);
    }

    private static long count(Readable row, int index) {
        Long value = row.get(index, Long.class);
        return value == null ? 0 : value;
    }

    @Override
    public Mono<Long> deleteOldest(Instant cutoff, int batch) {
        return db.sql(DELETE_OLDEST)
                .bind(0, cutoff.atOffset(ZoneOffset.UTC))
                .bind(1, batch)
                .fetch()
                .rowsUpdated()
                .onErrorMap(StorageErrors::translate);
    }

    private static ActivityEntry entry(Readable row) {
        UUID[] members = row.get("member_ids", UUID[].class);
        return new ActivityEntry(row.get("id", Long.class), row.get("at", OffsetDateTime.class).toInstant(),
                row.get("seq", Long.class), row.get("action", String.class), row.get("resource_type", String.class),
                row.get("resource_id", UUID.class), row.get("external_id", String.class),
                row.get("label", String.class), row.get("members_added", Long.class),
                row.get("members_removed", Long.class), members == null ? List.of() : List.of(members),
                row.get("status", Integer.class), row.get("scim_type", String.class), row.get("detail", String.class),
                row.get("method", String.class), row.get("path", String.class), row.get("token_id", UUID.class),
                row.get("token_name", String.class), row.get("request_id", String.class),
                row.get("bulk_id", String.class), row.get("op_index", Integer.class));
    }
}
