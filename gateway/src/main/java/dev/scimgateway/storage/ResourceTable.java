package dev.scimgateway.storage;

import dev.scimgateway.events.ChangeOrigin;
import dev.scimgateway.idempotency.KeyedCreate;
import dev.scimgateway.scim.protocol.list.ListPage;
import dev.scimgateway.scim.protocol.list.ListQuery;
import dev.scimgateway.scim.protocol.ResourceRecord;
import dev.scimgateway.scim.protocol.ScimException;
import dev.scimgateway.scim.protocol.SortValue;
import dev.scimgateway.scim.protocol.SortedRecord;
import dev.scimgateway.scim.schema.SchemaRegistry;
import io.r2dbc.spi.Readable;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.LongConsumer;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The statements every resource table answers the same way: single-row inserts, conditional
 * updates, reads by id, conditional deletes, paged filtered lists and the row-to-record mapping.
 * What a type's table has of its own comes from its {@link ResourceColumns}; the SQL text is built
 * once, here, from those constants, and every value is a bind parameter.
 */
final class ResourceTable {

    static final String COLUMNS = "r.id, r.doc, r.created_at, r.last_modified, r.version";

    /**
     * A row read with a column that its type's {@link Members} carries along (named {@code carried},
     * JSON), so that a read with membership costs no statement more than the read alone.
     */
    record Fetched(ResourceRecord record, @Nullable JsonNode carried) {}

    private final DatabaseClient db;
    private final JsonDocs docs;
    private final ResourceColumns columns;
    private final String table;
    private final String kind;
    private final String insert;
    private final String insertLogged;
    private final String insertKeyed;
    private final String insertKeyedLogged;
    private final String update;
    private final String touch;
    private final String delete;
    private final String logCreated;

    ResourceTable(DatabaseClient db, JsonDocs docs, ResourceColumns columns) {
        this.db = db;
        this.docs = docs;
        this.columns = columns;
        this.table = columns.table();
        this.kind = columns.kind();
        List<String> names = columns.names();
        int n = names.size();
        StringBuilder values = new StringBuilder("$1, $2");
        for (int i = 0; i < n + 4; i++) {
            values.append(", $").append(i + 3);
        }
        String identified = " RETURNING r.tenant_id, r.id, r.external_id, r." + columns.label() + " AS label";
        this.insert = "INSERT INTO " + table + " (tenant_id, id, " + String.join(", ", names)
                + ", doc, created_at, last_modified, version) VALUES (" + values + ")";
        String created = "WITH created AS (" + insert.replace("INSERT INTO " + table, "INSERT INTO " + table + " AS r")
                + identified + ")";
        int afterInsert = n + 6;
        this.insertLogged = created + "," + ActivityRows.oneRow("created", columns, afterInsert, false)
                + ActivityRows.LOGGED + " SELECT count(*) FROM created";
        // A keyed create skips a clash, so that a retry of one that committed reaches its key and fails there.
        String createdUnlessTaken = created.replace(identified, " ON CONFLICT DO NOTHING" + identified);
        this.insertKeyed = createdUnlessTaken + CreationKeys.one(afterInsert + 1) + " SELECT count(*) FROM created";
        this.insertKeyedLogged = createdUnlessTaken + CreationKeys.one(afterInsert + 1) + ","
                + ActivityRows.oneRow("created", columns, afterInsert + CreationKeys.PARAMETERS, false) + ActivityRows.LOGGED
                + " SELECT count(*) FROM created";
        String bumped = "UPDATE " + table + " r SET version = r.version + 1,"
                + " last_modified = greatest(clock_timestamp(), r.last_modified)";
        String where = " WHERE r.tenant_id = $1 AND r.id = $2 AND ($3::bigint IS NULL OR r.version = $3)";
        StringBuilder set = new StringBuilder();
        for (int i = 0; i < n; i++) {
            set.append(", ").append(names.get(i)).append(" = $").append(i + 4);
        }
        set.append(", doc = $").append(n + 4);
        String returned = " RETURNING " + COLUMNS + ", r.tenant_id, r.external_id, r." + columns.label() + " AS label";
        String answer = " SELECT id, doc, created_at, last_modified, version, " + ActivityRows.LOGGED_COUNT + " FROM updated";
        // The active value before the write comes from a locking read in the same statement: the
        // UPDATE then writes the very version that read saw, so a flip is never missed or invented.
        String active = columns.active();
        String old = active == null ? "WITH" : "WITH old AS (SELECT r." + active + " AS was FROM " + table
                + " r WHERE r.tenant_id = $1 AND r.id = $2 FOR NO KEY UPDATE),";
        String flip = active == null ? "" : ", old.was, r." + active + " AS now";
        // A document equal to the stored one (jsonb equality: key order and number spelling aside) is no change.
        this.update = old + " updated AS (" + bumped + set + (active == null ? "" : " FROM old") + where
                + " AND r.doc IS DISTINCT FROM $" + (n + 4) + "::jsonb" + returned + flip + "),"
                + ActivityRows.oneRow("updated", columns, n + 4, active != null) + ActivityRows.LOGGED + answer;
        this.touch = "WITH updated AS (" + bumped + where + returned + ")," + ActivityRows.oneRow("updated", columns, 3, false)
                + ActivityRows.LOGGED + answer;
        this.delete = "WITH deleted AS (DELETE FROM " + table + " r" + where + identified + "),"
                + ActivityRows.oneRow("deleted", columns, 3, false) + ActivityRows.LOGGED + " SELECT count(*) FROM deleted";
        this.logCreated = "WITH created AS (SELECT r.tenant_id, r.id, r.external_id, r." + columns.label() + " AS label FROM "
                + table + " r WHERE r.tenant_id = $1 AND r.id = $2)," + ActivityRows.oneRow("created", columns, 2, false)
                + ActivityRows.LOGGED + " SELECT count(*) FROM created";
    }

    ResourceColumns columns() {
        return columns;
    }

    /**
     * One row; a clash with another row's unique values fails it. With a {@code key}, the same
     * statement claims or marks that Idempotency-Key ({@link CreationKeys}). With an origin in
     * {@code logged}, it also writes the create into the activity log; a create with members is
     * logged by {@link #logCreated} instead, once its members are in.
     */
    Mono<Void> insertRow(String tenantId, ResourceRecord resource, @Nullable KeyedCreate key,
            @Nullable ChangeOrigin logged) {
        int next = 3 + columns.names().size();
        boolean logs = logged != null;
        String sql = key == null ? (logs ? insertLogged : insert) : (logs ? insertKeyedLogged : insertKeyed);
        DatabaseClient.GenericExecuteSpec spec = bindDoc(db.sql(sql).bind(0, tenantId).bind(1, resource.id()), 2,
                        resource.attributes())
                .bind(next, resource.created().atOffset(ZoneOffset.UTC))
                .bind(next + 1, resource.lastModified().atOffset(ZoneOffset.UTC))
                .bind(next + 2, resource.version());
        int after = next + 3;
        if (key != null) {
            spec = CreationKeys.bind(spec, after, key, resource, docs);
            after += CreationKeys.PARAMETERS;
        }
        spec = logs ? ActivityRows.bind(spec, after, ActivityRows.Note.of(ActivityRows.Action.CREATE), logged) : spec;
        if (key == null) {
            return spec.then();
        }
        return spec.map(row -> row.get(0, Long.class)).one().flatMap(count -> {
            CreationKeys.settled(key, count > 0);
            return count > 0 ? Mono.<Void>empty()
                    : Mono.error(new DuplicateKeyException("The " + kind + " clashes with one that exists"));
        });
    }

    /** Logs the create of a row this transaction inserted, with what its members came to. */
    Mono<Void> logCreated(String tenantId, UUID id, ActivityRows.Note note) {
        return Mono.deferContextual(context -> ActivityRows.bind(db.sql(logCreated).bind(0, tenantId).bind(1, id), 2,
                note, ChangeOrigin.of(context)).then());
    }

    /**
     * Writes a new document and bumps the version, unless the document equals the stored one: then
     * nothing is written and the stored record is the answer (RFC 7644 §3.5.2.1: a change that
     * changes nothing leaves the modify timestamp alone). A write is logged as {@code note} says,
     * and as an activation or deactivation too when it flips {@code active}; {@code logged} hears
     * how many rows that made. Empty when the resource does not exist, 412 when
     * {@code expectedVersion} is set and stale.
     */
    Mono<ResourceRecord> update(String tenantId, UUID id, ObjectNode doc, @Nullable Long expectedVersion,
            ActivityRows.Note note, LongConsumer logged) {
        return Mono.deferContextual(context -> ActivityRows.bind(bindDoc(db.sql(update).bind(0, tenantId).bind(1, id)
                                .bind(2, nullable(expectedVersion)), 3, doc), columns.names().size() + 4, note,
                        ChangeOrigin.of(context))
                .map(row -> logged(row, logged))
                .one())
                .switchIfEmpty(Mono.defer(() -> current(tenantId, id, expectedVersion)));
    }

    /**
     * Bumps the version of a row this transaction locked, for a change to its members: ETags stay
     * truthful although the document is untouched.
     */
    Mono<ResourceRecord> touch(String tenantId, UUID id, ActivityRows.Note note, LongConsumer logged) {
        return Mono.deferContextual(context -> ActivityRows.bind(db.sql(touch).bind(0, tenantId).bind(1, id)
                        .bind(2, nullable((Long) null)), 3, note, ChangeOrigin.of(context))
                .map(row -> logged(row, logged))
                .one());
    }

    /** The record of an answer row, after telling {@code logged} how many activity rows its statement wrote. */
    private ResourceRecord logged(Readable row, LongConsumer logged) {
        Long count = row.get("logged", Long.class);
        logged.accept(count == null ? 0 : count);
        return record(row);
    }

    /**
     * The row, locked until the surrounding transaction ends, for a write that decides only after
     * it whether anything changes; empty when the resource does not exist, 412 when stale.
     */
    Mono<ResourceRecord> lock(String tenantId, UUID id, @Nullable Long expectedVersion) {
        return findForUpdate(tenantId, id).flatMap(current -> checked(current, expectedVersion));
    }

    /** The stored record, as a write that changed nothing answers it; empty when absent, 412 when stale. */
    Mono<ResourceRecord> current(String tenantId, UUID id, @Nullable Long expectedVersion) {
        return find(tenantId, id).flatMap(current -> checked(current, expectedVersion));
    }

    private Mono<ResourceRecord> checked(ResourceRecord current, @Nullable Long expectedVersion) {
        return expectedVersion == null || current.version() == expectedVersion ? Mono.just(current)
                : Mono.error(changed(current));
    }

    /** The type's columns and the document, bound from {@code first} on. */
    private DatabaseClient.GenericExecuteSpec bindDoc(DatabaseClient.GenericExecuteSpec spec, int first, ObjectNode doc) {
        Object[] values = columns.values(doc);
        for (int i = 0; i < values.length; i++) {
            spec = spec.bind(first + i, values[i]);
        }
        return spec.bind(first + values.length, docs.toJsonb(doc));
    }

    Mono<ResourceRecord> find(String tenantId, UUID id) {
        return find(tenantId, id, null).map(Fetched::record);
    }

    /** The row with the column {@code carried} (see {@link Fetched}), or with none when it is null. */
    Mono<Fetched> find(String tenantId, UUID id, @Nullable String carried) {
        return db.sql("SELECT " + COLUMNS + also(carried) + " FROM " + table + " r WHERE r.tenant_id = $1 AND r.id = $2")
                .bind(0, tenantId)
                .bind(1, id)
                .map(row -> fetched(row, carried))
                .one()
                .onErrorMap(StorageErrors::translate);
    }

    /**
     * Reads many rows by key in one statement: {@code $1} holds the reads' tenants and {@code $2}
     * their keys (of SQL type {@code keyType}); {@code match} compares a row {@code r} with its key
     * {@code k.v}. Each row found comes with the position of the read that found it, so that two
     * reads of one row each get it. The SQL is built here once.
     */
    KeyedReads keyedReads(String keyType, String match, @Nullable String carried) {
        // The position comes last: record() reads the timestamps by their place in COLUMNS.
        String sql = "SELECT " + COLUMNS + also(carried) + ", k.n FROM unnest($1::text[], $2::" + keyType
                + "[]) WITH ORDINALITY AS k(t, v, n) JOIN " + table + " r ON r.tenant_id = k.t AND " + match;
        return (tenants, keys) -> db.sql(sql)
                .bind(0, planned(tenants))
                .bind(1, planned(keys))
                .map(row -> Map.entry(row.get("n", Long.class), fetched(row, carried)))
                .all()
                .collectMap(Map.Entry::getKey, Map.Entry::getValue);
    }

    /**
     * The fewest keys a statement of {@link #keyedReads} is sent with; the rest are nulls, which match
     * nothing. PostgreSQL plans a prepared statement afresh at every execution for as long as the
     * plans for its actual keys look cheaper than its generic plan, which counts on 10 elements in
     * an array parameter, so a statement of a few keys was planned every time, and planning this one
     * (the groups carried along) took some 0.35 ms, more than running it. Sent with 16, its generic
     * plan wins from the sixth execution on a connection, and is kept.
     */
    static final int PLANNED_KEYS = 16;

    /** {@code values}, with nulls after them up to {@link #PLANNED_KEYS}. */
    private static <T> T[] planned(T[] values) {
        return values.length >= PLANNED_KEYS ? values : Arrays.copyOf(values, PLANNED_KEYS);
    }

    /** One statement of {@link #keyedReads}. */
    @FunctionalInterface
    interface KeyedReads {

        /** The rows found, by the position of their read in {@code keys}, from 1. */
        Mono<Map<Long, Fetched>> read(String[] tenants, Object[] keys);
    }

    private static String also(@Nullable String carried) {
        return carried == null ? "" : ", " + carried;
    }

    private Fetched fetched(Readable row, @Nullable String carried) {
        return new Fetched(record(row), carried == null ? null : docs.readValue(row, "carried"));
    }

    /**
     * The row, locked until the surrounding transaction ends: read-modify-writes of one resource take
     * turns. NO KEY UPDATE, the lock an UPDATE of the row takes anyway, leaves room for the key-share
     * lock a membership row's foreign key takes: with FOR UPDATE, two groups each adding the other as
     * a member deadlocked instead of one of them being refused for the cycle.
     */
    Mono<ResourceRecord> findForUpdate(String tenantId, UUID id) {
        return db.sql("SELECT " + COLUMNS + " FROM " + table + " r WHERE r.tenant_id = $1 AND r.id = $2 FOR NO KEY UPDATE")
                .bind(0, tenantId)
                .bind(1, id)
                .map(this::record)
                .one();
    }

    Mono<Boolean> delete(String tenantId, UUID id, @Nullable Long expectedVersion) {
        return Mono.deferContextual(context -> ActivityRows.bind(db.sql(delete).bind(0, tenantId).bind(1, id)
                                .bind(2, nullable(expectedVersion)), 3, ActivityRows.Note.of(ActivityRows.Action.DELETE),
                        ChangeOrigin.of(context))
                .map(row -> row.get(0, Long.class))
                .one())
                .flatMap(count -> count > 0 ? Mono.just(true)
                        : explainMissedWrite(tenantId, id, expectedVersion).map(r -> true).defaultIfEmpty(false))
                .onErrorMap(StorageErrors::translate);
    }

    /** A conditional write that touched nothing: either the resource is gone (empty) or its version moved on (412). */
    Mono<ResourceRecord> explainMissedWrite(String tenantId, UUID id, @Nullable Long expectedVersion) {
        if (expectedVersion == null) {
            return Mono.empty();
        }
        return find(tenantId, id).flatMap(current -> Mono.error(changed(current)));
    }

    private ScimException changed(ResourceRecord current) {
        return ScimException.preconditionFailed("The " + kind + " has changed (its version is now " + current.etag()
                + "); read it again and retry");
    }

    /**
     * One page and the total, each from one statement over the same filter, side by side; a
     * filtered first page that is not full is its own total and needs no count. Pages follow the
     * requested sort, then creation order with the id as tie-breaker, so they are stable. Cursor
     * pages start after a (created, id) position on the listing index instead of an offset, and
     * take the total their cursor carries, so a page deep in a million costs what the first does.
     * The page's rows bring the column {@code carried} along when it is not null ({@link Fetched}).
     */
    Mono<ListPage<Fetched>> list(String tenantId, ListQuery query, SchemaRegistry schemas, @Nullable String carried) {
        return Mono.defer(() -> {
            SqlParams params = new SqlParams(tenantId);
            FilterSql sql = columns.filter(params, schemas);
            String where = "r.tenant_id = $1" + sql.where(query.filter());
            ListQuery.Position after = query.after();
            Mono<Long> total = after != null && after.counted() ? Mono.just(after.total())
                    : params.bindAll(db.sql("SELECT count(*) FROM " + table + " r WHERE " + where))
                            .map(row -> row.get(0, Long.class))
                            .one();
            if (query.count() == 0) {
                return total.map(n -> new ListPage<Fetched>(List.of(), n, query.startIndex(), false));
            }
            String order = sql.orderBy(query.sort()) + "r.created_at, r.id";
            if (after != null) {
                where += " AND (r.created_at, r.id) > (" + params.add(after.created().atOffset(ZoneOffset.UTC)) + ", "
                        + params.add(after.id()) + ")";
            }
            int fetch = query.cursorPaging() ? query.count() + 1 : query.count();
            String limit = params.add(fetch);
            String offset = params.add(query.offset());
            Mono<List<Fetched>> page = params.bindAll(db.sql("SELECT " + COLUMNS + also(carried) + " FROM " + table
                            + " r WHERE " + where + " ORDER BY " + order + " LIMIT " + limit + " OFFSET " + offset))
                    .map(row -> fetched(row, carried))
                    .all()
                    .collectList();
            if (query.filter() == null || after != null) {
                return Mono.zip(page, total, (rows, n) -> page(query, rows, n));
            }
            // A filtered first page, the way an IdP looks a resource up (userName eq …), usually holds
            // every match: then it is its own total, and the count statement is not sent at all.
            return page.flatMap(rows -> rows.size() < fetch && (!rows.isEmpty() || query.offset() == 0)
                    ? Mono.just(page(query, rows, query.offset() + rows.size()))
                    : total.map(n -> page(query, rows, n)));
        }).onErrorMap(StorageErrors::translate);
    }

    private static ListPage<Fetched> page(ListQuery query, List<Fetched> rows, long total) {
        return query.cursorPaging()
                ? new ListPage<>(rows.subList(0, Math.min(rows.size(), query.count())), total, 1, rows.size() > query.count())
                : new ListPage<>(rows, total, query.startIndex(), query.offset() + rows.size() < total);
    }

    /**
     * The rows of one index page without its total, streamed, each with the value it sorts by.
     * Strings sort by code point here (see {@code FilterSql#sortKey}), so that a caller can merge
     * two tables' rows into one order.
     */
    Flux<SortedRecord> sorted(String tenantId, ListQuery query, SchemaRegistry schemas) {
        return Flux.defer(() -> {
            SqlParams params = new SqlParams(tenantId);
            FilterSql sql = columns.filter(params, schemas);
            String key = sql.sortKey(query.sort(), true);
            String where = "r.tenant_id = $1" + sql.where(query.filter());
            String order = key == null ? "" : "sort_key" + FilterSql.direction(query.sort());
            String limit = params.add(query.count());
            String offset = params.add(query.offset());
            return params.bindAll(db.sql("SELECT " + COLUMNS + ", " + (key == null ? "NULL" : key) + " AS sort_key FROM "
                            + table + " r WHERE " + where + " ORDER BY " + order + "r.created_at, r.id LIMIT " + limit
                            + " OFFSET " + offset))
                    .map(row -> new SortedRecord(record(row), SortValue.of(row.get("sort_key"))))
                    .all();
        }).onErrorMap(StorageErrors::translate);
    }

    ResourceRecord record(Readable row) {
        return new ResourceRecord(row.get("id", UUID.class), docs.read(row, "doc"),
                R2dbcTenantStore.instant(row, 2), R2dbcTenantStore.instant(row, 3), row.get("version", Long.class));
    }

    /** R2DBC needs the type of a null. */
    static Object nullable(@Nullable String value) {
        return value == null ? org.springframework.r2dbc.core.Parameter.empty(String.class) : value;
    }

    static Object nullable(@Nullable Long value) {
        return value == null ? org.springframework.r2dbc.core.Parameter.empty(Long.class) : value;
    }
}
