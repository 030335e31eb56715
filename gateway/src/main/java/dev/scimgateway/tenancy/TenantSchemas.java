package dev.scimgateway.tenancy;

import com.github.benmanes.caffeine.cache.Cache;
import dev.scimgateway.memory.PerTenant;
import dev.scimgateway.scim.schema.ExtensionSchemas;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * Each tenant's schema catalog, loaded once and shared by its requests until its schemas change:
 * on this replica a change applies at once, and a change made on another replica within a poll
 * ({@link TenantSettingsWatch}). Only the tenants in use are kept (at most {@code maximumTenants},
 * none unused for longer than {@code idle}): a catalog dropped is loaded again by the next request.
 */
public final class TenantSchemas {

    private static final Logger log = LoggerFactory.getLogger(TenantSchemas.class);

    private static final Duration LOAD_TIMEOUT = Duration.ofSeconds(3);

    private final TenantSchemaStore store;
    private final Cache<String, Mono<TenantCatalog>> catalogs;

    public TenantSchemas(TenantSchemaStore store, Duration idle, int maximumTenants) {
        this.store = store;
        this.catalogs = PerTenant.cache(maximumTenants, idle);
    }

    public Mono<TenantCatalog> of(String tenantId) {
        return catalogs.get(tenantId, this::load);
    }

    /** The tenants whose catalogs this replica keeps. */
    public long tenantsInMemory() {
        catalogs.cleanUp();
        return catalogs.estimatedSize();
    }

    /** Drops the tenant's catalog, which its next request loads again. */
    public void invalidate(String tenantId) {
        catalogs.invalidate(tenantId);
    }

    /** One load in flight per tenant; failures are not cached, so the next request tries again. */
    private Mono<TenantCatalog> load(String tenantId) {
        return PerTenant.loadedOnce(store.list(tenantId)
                .flatMapIterable(document -> {
                    try {
                        return java.util.List.of(ExtensionSchemas.parse(document));
                    } catch (RuntimeException e) {
                        // Stored documents were checked when registered; one that no longer parses is skipped, loudly.
                        log.warn("Tenant {}: skipping extension schema {} that no longer parses: {}", tenantId,
                                document.path("id").asString(), e.getMessage());
                        return java.util.List.<ExtensionSchemas.Registered>of();
                    }
                })
                .collectList()
                .map(TenantCatalog::of)
                // Every request of the tenant waits on this one load: it must not wait forever on a stuck connection.
                .timeout(LOAD_TIMEOUT));
    }
}
