package dev.scimgateway.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scimgateway.support.EmbeddedDatabases;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.r2dbc.pool.ConnectionPool;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.r2dbc.connection.R2dbcTransactionManager;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;
import tools.jackson.databind.json.JsonMapper;

/**
 * Point reads one at a time, as a quiet gateway sends them, run on PostgreSQL's generic plan of
 * their statement after its first few executions, rather than being planned again every time.
 */
class KeyedReadPlansTest {

    private static final String TENANT = "plans";

    private static Database database;
    private static ConnectionPool pool;

    @BeforeAll
    static void startDatabase() throws Exception {
        database = EmbeddedDatabases.fresh("plans-db", "plans-" + UUID.randomUUID());
        database.migrate();
        // One connection: the prepared statements and their plans are that session's.
        pool = database.connectionPool(1, Duration.ofSeconds(10));
    }

    @AfterAll
    static void stopDatabase() throws Exception {
        pool.dispose();
        database.close();
    }

    @Test
    void singleReadsSettleOnTheGenericPlan() {
        DatabaseClient db = DatabaseClient.create(pool);
        db.sql("INSERT INTO tenant (id, display_name) VALUES ($1, $2)").bind(0, TENANT).bind(1, "Plans")
                .then().block(Duration.ofSeconds(10));
        // The planner's choice follows the table's statistics: on an empty table any plan is cheap.
        for (String sql : List.of(
                "INSERT INTO scim_user (tenant_id, id, user_name, active, doc, created_at, last_modified, version)"
                        + " SELECT $1, md5('u' || i)::uuid, 'user' || i || '@example.com', true, '{}', now(), now(), 1"
                        + " FROM generate_series(1, 20000) i",
                "INSERT INTO scim_group (tenant_id, id, display_name, doc, created_at, last_modified, version)"
                        + " VALUES ($1, md5('everyone')::uuid, 'Everyone', '{}', now(), now(), 1)",
                "INSERT INTO group_member (tenant_id, group_id, member_id)"
                        + " SELECT $1, md5('everyone')::uuid, md5('u' || i)::uuid FROM generate_series(1, 20000) i")) {
            db.sql(sql).bind(0, TENANT).then().block(Duration.ofSeconds(30));
        }
        db.sql("ANALYZE").then().block(Duration.ofSeconds(30));
        var store = R2dbcStores.users(db, TransactionalOperator.create(new R2dbcTransactionManager(pool)),
                JsonMapper.builder().build(), new Coalescing(Duration.ofMillis(2), 200, false), new SimpleMeterRegistry());
        List<UUID> ids = db.sql("SELECT id FROM scim_user WHERE tenant_id = $1 LIMIT 10").bind(0, TENANT)
                .map(row -> row.get(0, UUID.class)).all().collectList().block(Duration.ofSeconds(10));
        for (UUID id : ids) {
            assertThat(store.find(TENANT, id, false).blockOptional(Duration.ofSeconds(10))).isPresent();
        }

        Map<String, Object> plans = db.sql("SELECT generic_plans, custom_plans FROM pg_prepared_statements"
                        + " WHERE statement LIKE '%WITH ORDINALITY%'")
                .fetch().one().block(Duration.ofSeconds(10));
        assertThat(plans).as("the keyed read's prepared statement").isNotNull();
        assertThat(((Number) plans.get("custom_plans")).longValue()).isLessThanOrEqualTo(5);
        assertThat(((Number) plans.get("generic_plans")).longValue()).isGreaterThanOrEqualTo(5);
    }
}
