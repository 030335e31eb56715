package dev.scimgateway.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scimgateway.resources.ResourceStore;
import dev.scimgateway.resources.ResourceView;
import dev.scimgateway.scim.protocol.list.ListPage;
import dev.scimgateway.scim.protocol.list.ListQuery;
import dev.scimgateway.scim.schema.SchemaRegistry;
import dev.scimgateway.support.GatewayTest;
import dev.scimgateway.support.ScimClient;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Publisher;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.connection.R2dbcTransactionManager;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.springframework.util.ClassUtils;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * A page of users with their groups costs no statement more than the page alone (the count and the
 * page), and a user by id with its groups one statement, however many users the page holds and
 * however their groups nest: the user store as {@link R2dbcStores#users} builds it, over the
 * gateway's own database, with every statement counted as it is created.
 */
class UserGroupsQueryCountTest extends GatewayTest {

    private static final int USERS = 40;

    @Autowired
    private ConnectionPool pool;

    @Autowired
    private JsonMapper json;

    @Test
    void usersCarryTheirGroupsInTheStatementThatReadsThem() throws Exception {
        ScimClient c = newScimClient("ugcount");
        List<String> groups = new ArrayList<>();
        StringBuilder nested = new StringBuilder();
        for (int i = 0; i < USERS; i++) {
            String user = c.createUser("u" + i + "@example.com");
            groups.add(ScimClient.body(c.post("/Groups", "{\"displayName\":\"G" + i + "\",\"members\":[{\"value\":\""
                    + user + "\"}]}").expectStatus().isCreated()).get("id").stringValue());
            nested.append(i == 0 ? "" : ",").append("{\"value\":\"").append(groups.get(i)).append("\"}");
        }
        String top = ScimClient.body(c.post("/Groups", "{\"displayName\":\"Top\",\"members\":[" + nested + "]}")
                .expectStatus().isCreated()).get("id").stringValue();

        AtomicInteger statements = new AtomicInteger();
        ConnectionFactory counted = counting(pool, statements);
        ResourceStore users = R2dbcStores.users(DatabaseClient.create(counted),
                TransactionalOperator.create(new R2dbcTransactionManager(counted)), json, new Coalescing(Duration.ofMillis(5), 10, false),
                new SimpleMeterRegistry());
        try {
            int pageAlone = statementsFor(users, c.tenantId(), 5, false, statements).size();
            assertThat(statements.get()).as("count and page").isEqualTo(2);

            List<ResourceView> small = statementsFor(users, c.tenantId(), 5, true, statements);
            int smallCost = statements.get();
            List<ResourceView> large = statementsFor(users, c.tenantId(), USERS, true, statements);
            int largeCost = statements.get();

            assertThat(pageAlone).isEqualTo(5);
            assertThat(small).hasSize(5);
            assertThat(large).hasSize(USERS).allSatisfy(view -> {
                assertThat(view.members()).as("groups of %s", view.record().id()).hasSize(2);
                assertThat(view.members()).anySatisfy(g -> {
                    assertThat(g.value()).isEqualTo(UUID.fromString(top));
                    assertThat(g.type()).isEqualTo("indirect");
                });
                assertThat(view.members()).anySatisfy(g -> {
                    assertThat(groups).contains(g.value().toString());
                    assertThat(g.type()).isEqualTo("direct");
                });
            });
            assertThat(smallCost).as("a page of 5 with groups").isEqualTo(2);
            assertThat(largeCost).as("a page of %d with groups", USERS).isEqualTo(2);

            statements.set(0);
            ResourceView one = users.find(c.tenantId(), large.get(0).record().id(), true).block(Duration.ofSeconds(30));
            assertThat(statements.get()).as("a user by id with groups").isEqualTo(1);
            assertThat(one.members()).isEqualTo(large.get(0).members());
        } finally {
            ((AutoCloseable) users).close();
        }
    }

    private static List<ResourceView> statementsFor(ResourceStore users, String tenant, int count, boolean groups,
            AtomicInteger statements) {
        statements.set(0);
        ListPage<ResourceView> page = users.list(tenant, ListQuery.index(null, null, 1, count), SchemaRegistry.USER, groups)
                .block(Duration.ofSeconds(30));
        return page.resources();
    }

    /** The pool, with every statement created on its connections counted. */
    private static ConnectionFactory counting(ConnectionFactory pool, AtomicInteger statements) {
        return proxy(pool, ConnectionFactory.class.getClassLoader(), (method, result) -> "create".equals(method.getName())
                ? Mono.from((Publisher<?>) result).map(connection -> proxy(connection,
                        Connection.class.getClassLoader(), (m, r) -> {
                            if ("createStatement".equals(m.getName())) {
                                statements.incrementAndGet();
                            }
                            return r;
                        }))
                : result);
    }

    private interface After {
        Object apply(Method method, Object result);
    }

    private static Object proxyOf(Object target, ClassLoader loader, After after) {
        return Proxy.newProxyInstance(loader, ClassUtils.getAllInterfaces(target), (proxy, method, args) -> {
            try {
                return after.apply(method, method.invoke(target, args));
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        });
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(T target, ClassLoader loader, After after) {
        return (T) proxyOf(target, loader, after);
    }
}
