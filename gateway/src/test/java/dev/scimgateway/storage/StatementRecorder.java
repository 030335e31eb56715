package dev.scimgateway.storage;

import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.proxy.ProxyConnectionFactory;
import io.r2dbc.proxy.core.QueryExecutionInfo;
import io.r2dbc.proxy.core.QueryInfo;
import io.r2dbc.proxy.listener.ProxyExecutionListener;
import io.r2dbc.spi.ConnectionFactory;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.r2dbc.connection.R2dbcTransactionManager;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * Puts the test gateway's statements through r2dbc-proxy and keeps the text of each one sent
 * (deduplicated), for {@link RoutableStatementsTest}. The stores reach the database only through
 * the {@link DatabaseClient} and the {@link TransactionalOperator}; both are rebuilt over one proxy
 * of the pool, so a transaction and the statements in it still share their connection.
 */
public final class StatementRecorder implements BeanPostProcessor, BeanFactoryAware {

    private static final Set<String> SENT = ConcurrentHashMap.newKeySet();

    private BeanFactory beans;
    private ConnectionFactory proxy;

    /** Every distinct statement text the gateway of this JVM has sent so far. */
    public static Set<String> sent() {
        return Set.copyOf(SENT);
    }

    @Override
    public void setBeanFactory(BeanFactory beanFactory) {
        this.beans = beanFactory;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof DatabaseClient) {
            return DatabaseClient.create(proxy());
        }
        if (bean instanceof TransactionalOperator) {
            return TransactionalOperator.create(new R2dbcTransactionManager(proxy()));
        }
        return bean;
    }

    private synchronized ConnectionFactory proxy() {
        if (proxy == null) {
            proxy = ProxyConnectionFactory.builder(beans.getBean(ConnectionPool.class))
                    .listener(new ProxyExecutionListener() {
                        @Override
                        public void beforeQuery(QueryExecutionInfo execution) {
                            for (QueryInfo query : execution.getQueries()) {
                                SENT.add(query.getQuery());
                            }
                        }
                    })
                    .build();
        }
        return proxy;
    }
}
