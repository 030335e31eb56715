package dev.scimgateway.storage;

import dev.scimgateway.oauth.TrustedIssuer;
import dev.scimgateway.oauth.TrustedIssuerStore;
import dev.scimgateway.scim.protocol.ScimException;
import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Trusted issuers and the token rows that stand for them. A trust and its row are written, and
 * removed, by one statement each, so the token list and the trusts never disagree.
 */
final class R2dbcTrustedIssuerStore implements TrustedIssuerStore {

    private static final String COLUMNS =
            "tenant_id, id, issuer, audiences, jwks_uri, claim_names, claim_values, created_at, removed_at IS NOT NULL, changed_at";

    private final DatabaseClient db;

    R2dbcTrustedIssuerStore(DatabaseClient db) {
        this.db = db;
    }

    @Override
    public Mono<TrustedIssuer> insert(TrustedIssuer trust) {
        String[] names = trust.requiredClaims().keySet().toArray(String[]::new);
        String[] values = new String[names.length];
        for (int i = 0; i < names.length; i++) {
            values[i] = trust.requiredClaims().get(names[i]);
        }
        return db.sql("WITH token AS (INSERT INTO tenant_token (id, tenant_id, name, token_hash, scopes, trusted_issuer)"
                        + " VALUES ($2, $1, $3, ''::bytea, '{scim}', $3))"
                        + " INSERT INTO trusted_issuer (tenant_id, id, issuer, audiences, jwks_uri, claim_names, claim_values)"
                        + " VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING " + COLUMNS)
                .bind(0, trust.tenantId())
                .bind(1, trust.id())
                .bind(2, trust.issuer())
                .bind(3, trust.audiences().toArray(String[]::new))
                .bind(4, trust.jwksUri())
                .bind(5, names)
                .bind(6, values)
                .map(R2dbcTrustedIssuerStore::trust)
                .one()
                .onErrorMap(e -> StorageErrors.translate(e, "Tenant '" + trust.tenantId() + "' already trusts the issuer '"
                        + trust.issuer() + "'; remove that trust first to change it"))
                .onErrorMap(ScimException.class, e -> e.status() == 409 ? ScimException.conflict(e.detail()) : e);
    }

    @Override
    public Flux<TrustedIssuer> list(String tenantId) {
        return db.sql("SELECT " + COLUMNS + " FROM trusted_issuer WHERE tenant_id = $1 AND removed_at IS NULL"
                        + " ORDER BY created_at, id")
                .bind(0, tenantId)
                .map(R2dbcTrustedIssuerStore::trust)
                .all()
                .onErrorMap(StorageErrors::translate);
    }

    @Override
    public Flux<TrustedIssuer> ofIssuer(String issuer) {
        return db.sql("SELECT " + COLUMNS + " FROM trusted_issuer WHERE issuer = $1 AND removed_at IS NULL")
                .bind(0, issuer)
                .map(R2dbcTrustedIssuerStore::trust)
                .all()
                .onErrorMap(StorageErrors::translate);
    }

    @Override
    public Mono<Boolean> remove(String tenantId, UUID id) {
        return db.sql("WITH gone AS (UPDATE trusted_issuer SET removed_at = now(), changed_at = clock_timestamp()"
                        + " WHERE tenant_id = $1 AND id = $2 AND removed_at IS NULL RETURNING id),"
                        + " revoked AS (UPDATE tenant_token SET revoked_at = now(), changed_at = clock_timestamp()"
                        + " WHERE tenant_id = $1 AND id IN (SELECT id FROM gone) AND revoked_at IS NULL RETURNING id)"
                        + " SELECT count(*) FROM gone")
                .bind(0, tenantId)
                .bind(1, id)
                .map(row -> row.get(0, Long.class))
                .one()
                .map(count -> count != null && count > 0)
                .onErrorMap(StorageErrors::translate);
    }

    @Override
    public Flux<Change> changedSince(Instant since) {
        return db.sql("SELECT " + COLUMNS + " FROM trusted_issuer WHERE changed_at > $1")
                .bind(0, since.atOffset(ZoneOffset.UTC))
                .map(row -> new Change(trust(row), Boolean.TRUE.equals(row.get(8, Boolean.class)),
                        R2dbcTenantStore.instant(row, 9)))
                .all()
                .onErrorMap(StorageErrors::translate);
    }

    private static TrustedIssuer trust(Readable row) {
        String[] audiences = row.get(3, String[].class);
        String[] names = row.get(5, String[].class);
        String[] values = row.get(6, String[].class);
        Map<String, String> claims = new LinkedHashMap<>();
        for (int i = 0; names != null && values != null && i < Math.min(names.length, values.length); i++) {
            claims.put(names[i], values[i]);
        }
        return new TrustedIssuer(row.get(1, UUID.class), row.get(0, String.class), row.get(2, String.class),
                audiences == null ? List.of() : List.of(audiences), row.get(4, String.class), claims,
                R2dbcTenantStore.instant(row, 7));
    }
}
