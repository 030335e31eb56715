package dev.scimgateway.storage;

import dev.scimgateway.events.ChangeFeed;
import dev.scimgateway.events.StreamStore;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;

/** The change feed's adapters, for configuration to wire. */
public final class EventStores {

    private EventStores() {}

    public static StreamStore streams(DatabaseClient db, TransactionalOperator tx) {
        return new R2dbcEventStreams(db, tx, new ChangeNumbering(db, tx));
    }

    public static ChangeFeed feed(DatabaseClient db, TransactionalOperator tx) {
        return new R2dbcChangeFeed(db, new ChangeNumbering(db, tx));
    }
}
