package dev.scimgateway.storage;

import dev.scimgateway.ratelimit.Limit;
import dev.scimgateway.ratelimit.RateLimitStore;
import dev.scimgateway.ratelimit.TenantLimits;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;

final class R2dbcRateLimitStore implements RateLimitStore {

    private final DatabaseClient db;

    R2dbcRateLimitStore(DatabaseClient db) {
        this.db = db;
    }

    @Override
    public Mono<TenantLimits> limits(String tenantId) {
        return db.sql("SELECT read_per_second, read_burst, write_per_second, write_burst FROM tenant_limits"
                        + " WHERE tenant_id = $1")
                .bind(0, tenantId)
                .map(row -> new TenantLimits(
                        new Limit(row.get(0, Double.class), row.get(1, Double.class)),
                        new Limit(row.get(2, Double.class), row.get(3, Double.class))))
                .one()
                .onErrorMap(StorageErrors::translate);
    }

    @Override
    public Mono<Void> setLimits(String tenantId, TenantLimits limits) {
        return db.sql("WITH written AS (INSERT INTO tenant_limits (tenant_id, read_per_second, read_burst,"
                        + " write_per_second, write_burst) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (tenant_id) DO UPDATE SET"
                        + " read_per_second = EXCLUDED.read_per_second, read_burst = EXCLUDED.read_burst,"
                        + " write_per_second = EXCLUDED.write_per_second, write_burst = EXCLUDED.write_burst,"
                        + " updated_at = now() RETURNING tenant_id) " + TenantSettings.markedIfAny("written"))
                .bind(0, tenantId)
                .bind(1, limits.read().perSecond())
                .bind(2, limits.read().burst())
                .bind(3, limits.write().perSecond())
                .bind(4, limits.write().burst())
                .then()
                .onErrorMap(StorageErrors::translate);
    }

    @Override
    public Mono<Double> available(String tenantId, TenantLimits.Kind kind, Limit limit) {
        return db.sql("SELECT least($3, tokens + $4 * extract(epoch FROM clock_timestamp() - updated_at)::double precision)"
                        + " FROM rate_bucket WHERE tenant_id = $1 AND kind = $2")
                .bind(0, tenantId)
                .bind(1, kind.wireName())
                .bind(2, limit.burst())
                .bind(3, limit.perSecond())
                .map(row -> row.get(0, Double.class))
                .one()
                .defaultIfEmpty(limit.burst())
                .onErrorMap(StorageErrors::translate);
    }

    /**
     * Refill and take in one statement under the row lock, in whole tokens; a bucket seen for the
     * first time starts full.
     */
    @Override
    public Mono<Lease> lease(String tenantId, TenantLimits.Kind kind, Limit limit, double wanted) {
        Mono<Lease> take = db.sql("WITH cur AS (SELECT least($3, tokens + $4 * extract(epoch FROM clock_timestamp()"
                        + " - updated_at)::double precision) AS avail FROM rate_bucket"
                        + " WHERE tenant_id = $1 AND kind = $2 FOR UPDATE),"
                        + " taken AS (UPDATE rate_bucket b SET tokens = cur.avail - least(floor(cur.avail), $5),"
                        + " updated_at = clock_timestamp() FROM cur WHERE b.tenant_id = $1 AND b.kind = $2)"
                        + " SELECT least(floor(avail), $5), avail FROM cur")
                .bind(0, tenantId)
                .bind(1, kind.wireName())
                .bind(2, limit.burst())
                .bind(3, limit.perSecond())
                .bind(4, wanted)
                .map(row -> new Lease(row.get(0, Double.class), row.get(1, Double.class)))
                .one();
        Mono<Void> create = db.sql("INSERT INTO rate_bucket (tenant_id, kind, tokens, updated_at)"
                        + " VALUES ($1, $2, $3, clock_timestamp()) ON CONFLICT DO NOTHING")
                .bind(0, tenantId)
                .bind(1, kind.wireName())
                .bind(2, limit.burst())
                .then();
        return take.switchIfEmpty(create.then(take)).onErrorMap(StorageErrors::translate);
    }
}
