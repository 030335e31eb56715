package dev.scimgateway.storage;

import dev.scimgateway.sso.AllowedSignIns;
import dev.scimgateway.sso.SsoSettings;
import dev.scimgateway.sso.SsoSettingsStore;
import io.r2dbc.spi.Readable;
import java.nio.ByteBuffer;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;

final class R2dbcSsoSettingsStore implements SsoSettingsStore {

    private static final String COLUMNS = "tenant_id, issuer, client_id, display_name, allowed_domains, allowed_emails,"
            + " groups_claim, allowed_groups, updated_at, client_secret";

    private static final String PUT = "INSERT INTO tenant_oidc (" + COLUMNS + ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)"
            + " ON CONFLICT (tenant_id) DO UPDATE SET issuer = EXCLUDED.issuer, client_id = EXCLUDED.client_id,"
            + " display_name = EXCLUDED.display_name, allowed_domains = EXCLUDED.allowed_domains,"
            + " allowed_emails = EXCLUDED.allowed_emails, groups_claim = EXCLUDED.groups_claim,"
            + " allowed_groups = EXCLUDED.allowed_groups, updated_at = EXCLUDED.updated_at,"
            + " client_secret = EXCLUDED.client_secret"
            + " RETURNING " + COLUMNS;

    private final DatabaseClient db;

    R2dbcSsoSettingsStore(DatabaseClient db) {
        this.db = db;
    }

    @Override
    public Mono<SsoSettings> put(SsoSettings settings, byte[] sealedSecret) {
        AllowedSignIns allowed = settings.allowed();
        return db.sql(PUT)
                .bind(0, settings.tenantId())
                .bind(1, settings.issuer())
                .bind(2, settings.clientId())
                .bind(3, settings.displayName())
                .bind(4, allowed.domains().toArray(String[]::new))
                .bind(5, allowed.emails().toArray(String[]::new))
                .bind(6, allowed.groupsClaim())
                .bind(7, allowed.groups().toArray(String[]::new))
                .bind(8, settings.updatedAt().atOffset(ZoneOffset.UTC))
                .bind(9, ByteBuffer.wrap(sealedSecret))
                .map(R2dbcSsoSettingsStore::settings)
                .one()
                .onErrorMap(StorageErrors::translate);
    }

    @Override
    public Mono<Stored> find(String tenantId) {
        return db.sql("SELECT " + COLUMNS + " FROM tenant_oidc WHERE tenant_id = $1")
                .bind(0, tenantId)
                .map(row -> new Stored(settings(row), bytes(row.get(9, ByteBuffer.class))))
                .one()
                .onErrorMap(StorageErrors::translate);
    }

    @Override
    public Mono<Boolean> delete(String tenantId) {
        return db.sql("DELETE FROM tenant_oidc WHERE tenant_id = $1")
                .bind(0, tenantId)
                .fetch()
                .rowsUpdated()
                .map(rows -> rows > 0)
                .onErrorMap(StorageErrors::translate);
    }

    private static SsoSettings settings(Readable row) {
        return new SsoSettings(text(row, 0), text(row, 1), text(row, 2), text(row, 3),
                new AllowedSignIns(list(row, 4), list(row, 5), text(row, 6), list(row, 7)),
                R2dbcTenantStore.instant(row, 8));
    }

    private static String text(Readable row, int index) {
        String value = row.get(index, String.class);
        if (value == null) {
            throw new IllegalStateException("Column " + index + " is unexpectedly null");
        }
        return value;
    }

    private static List<String> list(Readable row, int index) {
        String[] values = row.get(index, String[].class);
        return values == null ? List.of() : List.of(values);
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }
}
