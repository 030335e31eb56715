package dev.scimgateway.storage;

import dev.scimgateway.events.ChangeOrigin;
import dev.scimgateway.idempotency.KeyedCreate;
import dev.scimgateway.scim.protocol.ResourceRecord;
import dev.scimgateway.scim.protocol.ScimException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * User creates, written many per INSERT by the {@link Coalescer}, each with its row in the
 * activity log ({@link ActivityRows}) in the same statement. A userName that is taken (in any case)
 * fails only its own create with 409: the statement skips it instead of failing.
 */
final class UserInsertStatement implements Coalescer.Statement<UserInsertStatement.NewUser, ResourceRecord> {

    /**
     * @param key the Idempotency-Key the create claims or marks ({@link CreationKeys}), or null
     * @param origin who made it, for its row in the activity log
     */
    record NewUser(String tenantId, ResourceRecord user, @Nullable KeyedCreate key, ChangeOrigin origin) {}

    private static final String INSERT = "INSERT INTO scim_user (tenant_id, id, user_name, external_id, display_name,"
            + " active, doc, created_at, last_modified, version)"
            // The documents come as one jsonb array, taken by position: as a text[] each document would be escaped
            // character by character into PostgreSQL's array syntax, over half of what the driver spent encoding a row.
            + " SELECT t, i, u, e, d, a, $7::jsonb -> (n - 1)::integer, c, m, v FROM unnest($1::text[], $2::uuid[],"
            + " $3::text[], $4::text[], $5::text[], $6::boolean[], $8::timestamptz[], $9::timestamptz[], $10::bigint[])"
            + " WITH ORDINALITY AS x(t, i, u, e, d, a, c, m, v, n)"
            + " ON CONFLICT DO NOTHING RETURNING tenant_id, id, external_id, user_name AS label";
    /** Bound after the rows (and their keys), one value per create: who made it. */
    private static final int ORIGIN_ARRAYS = 5;
    private static final String INSERT_MANY = statement(false);
    /** The same, when some of the creates run on Idempotency-Keys: they claim or mark them in the same statement. */
    private static final String INSERT_MANY_KEYED = statement(true);

    private static String statement(boolean keyed) {
        int origin = keyed ? 11 + CreationKeys.PARAMETERS : 11;
        String marks = keyed ? CreationKeys.many(11) : "";
        return "WITH created AS (" + INSERT + ")" + marks + ", changes AS (SELECT c.tenant_id,"
                + " 'User'::text AS resource_type, c.id AS resource_id, 'create'::text AS action, c.external_id, c.label,"
                + " NULL::bigint AS members_added, NULL::bigint AS members_removed, NULL::uuid[] AS member_ids,"
                + " o.tk AS token_id, o.tn AS token_name, o.rq AS request_id, o.bk AS bulk_id, o.ix AS op_index, o.ord"
                + " FROM created c JOIN unnest($2::uuid[], $" + origin + "::uuid[], $" + (origin + 1) + "::text[], $"
                + (origin + 2) + "::text[], $" + (origin + 3) + "::text[], $" + (origin + 4) + "::integer[])"
                + " WITH ORDINALITY AS o(i, tk, tn, rq, bk, ix, ord) ON o.i = c.id)" + ActivityRows.LOGGED
                + " SELECT id FROM created";
    }

    private final DatabaseClient db;
    private final JsonDocs jsonDocs;
    private final Function<NewUser, Mono<ResourceRecord>> insertOne;
    private final Counter rowsWritten;
    private final Counter logged;

    UserInsertStatement(DatabaseClient db, JsonMapper json, Function<NewUser, Mono<ResourceRecord>> insertOne,
            MeterRegistry meters) {
        this.logged = ActivityRows.loggedMeter().register(meters);
        this.db = db;
        this.jsonDocs = new JsonDocs(json);
        this.insertOne = insertOne;
        this.rowsWritten = Counter.builder("scim.rows.written").description("Rows written by coalesced user inserts")
                .tag("table", "scim_user").register(meters);
    }

    @Override
    public Mono<List<Coalescer.Outcome<ResourceRecord>>> many(List<NewUser> writes) {
        int n = writes.size();
        String[] tenants = new String[n];
        UUID[] ids = new UUID[n];
        String[] userNames = new String[n];
        String[] externalIds = new String[n];
        String[] displayNames = new String[n];
        Boolean[] active = new Boolean[n];
        List<ObjectNode> docs = new ArrayList<>(n);
        OffsetDateTime[] created = new OffsetDateTime[n];
        OffsetDateTime[] modified = new OffsetDateTime[n];
        Long[] versions = new Long[n];
        UUID[] tokenIds = new UUID[n];
        String[] tokenNames = new String[n];
        String[] requestIds = new String[n];
        String[] bulkIds = new String[n];
        Integer[] operations = new Integer[n];
        boolean keyed = false;
        for (int i = 0; i < n; i++) {
            NewUser write = writes.get(i);
            ObjectNode doc = write.user().attributes();
            tenants[i] = write.tenantId();
            ids[i] = write.user().id();
            userNames[i] = UserColumns.userName(doc);
            externalIds[i] = UserColumns.text(doc, "externalId");
            displayNames[i] = UserColumns.text(doc, "displayName");
            active[i] = UserColumns.active(doc);
            docs.add(doc);
            created[i] = write.user().created().atOffset(ZoneOffset.UTC);
            modified[i] = write.user().lastModified().atOffset(ZoneOffset.UTC);
            versions[i] = write.user().version();
            keyed |= write.key() != null;
            ChangeOrigin origin = write.origin();
            tokenIds[i] = origin.tokenId();
            tokenNames[i] = origin.tokenName();
            requestIds[i] = origin.requestId();
            bulkIds[i] = origin.bulkId();
            operations[i] = origin.operationIndex();
        }
        var insert = db.sql(keyed ? INSERT_MANY_KEYED : INSERT_MANY)
                .bind(0, tenants).bind(1, ids).bind(2, userNames).bind(3, externalIds).bind(4, displayNames)
                .bind(5, active).bind(6, jsonDocs.toJsonbArray(docs)).bind(7, created).bind(8, modified).bind(9, versions);
        int origin = keyed ? 10 + CreationKeys.PARAMETERS : 10;
        return (keyed ? CreationKeys.bindAll(insert, 10, writes.stream().map(NewUser::key).toList(),
                writes.stream().map(NewUser::user).toList(), jsonDocs) : insert)
                .bind(origin, tokenIds).bind(origin + 1, tokenNames).bind(origin + 2, requestIds)
                .bind(origin + 3, bulkIds).bind(origin + 4, operations)
                .map(row -> row.get(0, UUID.class))
                .all()
                .collect(HashSet<UUID>::new, Set::add)
                .map(inserted -> outcomes(writes, inserted));
    }

    private List<Coalescer.Outcome<ResourceRecord>> outcomes(List<NewUser> writes, Set<UUID> inserted) {
        rowsWritten.increment(inserted.size());
        logged.increment(inserted.size());
        writes.forEach(write -> CreationKeys.settled(write.key(), inserted.contains(write.user().id())));
        return writes.stream().map(write -> inserted.contains(write.user().id())
                ? Coalescer.Outcome.of(write.user())
                : Coalescer.Outcome.<ResourceRecord>failed(ScimException.uniqueness(
                        UserColumns.userNameTaken(write.user().attributes())))).toList();
    }

    /**
     * A keyed create alone runs the coalesced statement for one row: a taken userName then skips
     * the user and still reaches the key, so a retry of a create that committed fails on its key.
     */
    @Override
    public Mono<ResourceRecord> one(NewUser write) {
        if (write.key() != null) {
            return Coalescer.Statement.super.one(write).onErrorMap(StorageErrors::translate);
        }
        return insertOne.apply(write).doOnNext(user -> {
            rowsWritten.increment();
            logged.increment();
        });
    }
}
