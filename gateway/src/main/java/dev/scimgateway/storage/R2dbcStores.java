package dev.scimgateway.storage;

import dev.scimgateway.console.ConsoleSessionStore;
import dev.scimgateway.console.TenantDirectory;
import dev.scimgateway.events.ActivityLog;
import dev.scimgateway.idempotency.IdempotencyStore;
import dev.scimgateway.oauth.OAuthStore;
import dev.scimgateway.oauth.TrustedIssuerStore;
import dev.scimgateway.ratelimit.RateLimitStore;
import dev.scimgateway.resources.ResourceStore;
import dev.scimgateway.sso.SsoSettingsStore;
import dev.scimgateway.tenancy.TenantSchemaStore;
import dev.scimgateway.tenancy.TenantStore;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;
import tools.jackson.databind.json.JsonMapper;

/** The one door into storage: configuration builds the adapters here and hands out their ports. */
public final class R2dbcStores {

    private R2dbcStores() {}

    public static TenantStore tenants(DatabaseClient db) {
        return new R2dbcTenantStore(db);
    }

    /** The OAuth authorization server's clients, codes, grants and refresh tokens. */
    public static OAuthStore oauth(DatabaseClient db) {
        return new R2dbcOAuthStore(db);
    }

    /** The tenants' trusted external issuers (federated JWTs). */
    public static TrustedIssuerStore trustedIssuers(DatabaseClient db) {
        return new R2dbcTrustedIssuerStore(db);
    }

    public static ConsoleSessionStore consoleSessions(DatabaseClient db) {
        return new R2dbcConsoleSessionStore(db);
    }

    public static SsoSettingsStore ssoSettings(DatabaseClient db) {
        return new R2dbcSsoSettingsStore(db);
    }

    public static TenantDirectory tenantDirectory(DatabaseClient db) {
        return new R2dbcTenantDirectory(db);
    }

    public static TenantSchemaStore tenantSchemas(DatabaseClient db, JsonMapper json) {
        return new R2dbcTenantSchemaStore(db, new JsonDocs(json));
    }

    /** Claims and completions are coalesced like user creates (see {@link #users}). */
    public static IdempotencyStore idempotency(DatabaseClient db, JsonMapper json, Coalescing coalescing,
            MeterRegistry meters) {
        return new R2dbcIdempotencyStore(db, json, coalescing.settings(), meters);
    }

    public static RateLimitStore rateLimits(DatabaseClient db) {
        return new R2dbcRateLimitStore(db);
    }

    /** What the admin API reads of the activity log, and the writes of refusals and retention. */
    public static ActivityLog activityLog(DatabaseClient db, TransactionalOperator tx) {
        return new R2dbcActivityLog(db, new ChangeNumbering(db, tx));
    }

    /** @param coalescing how user creates share multi-row INSERTs, and point reads statements over many keys */
    public static ResourceStore users(DatabaseClient db, TransactionalOperator tx, JsonMapper json, Coalescing coalescing,
            MeterRegistry meters) {
        ResourceTable table = new ResourceTable(db, new JsonDocs(json), UserColumns.INSTANCE);
        return new R2dbcResourceStore(table, new GroupsOfUsers(db), tx,
                new CoalescedInserts(db, table, coalescing.settings(), json, meters),
                new CoalescedLookups(table, GroupsOfUsers.CARRIED, coalescing.readSettings(), meters), meters);
    }

    public static ResourceStore groups(DatabaseClient db, TransactionalOperator tx, JsonMapper json,
            MeterRegistry meters) {
        return new R2dbcResourceStore(new ResourceTable(db, new JsonDocs(json), GroupColumns.INSTANCE),
                new MemberRows(db), tx, null, null, meters);
    }
}
