package dev.scimgateway.storage;

import dev.scimgateway.tenancy.TenantStore;
import org.springframework.r2dbc.core.DatabaseClient;

/** The one door into storage: configuration builds the adapters here and hands out their ports. */
public final class R2dbcStores {

    private R2dbcStores() {}

    public static TenantStore tenants(DatabaseClient db) {
        return new R2dbcTenantStore(db);
    }
}
