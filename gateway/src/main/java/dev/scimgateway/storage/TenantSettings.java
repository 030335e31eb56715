package dev.scimgateway.storage;

/**
 * Marks a tenant's settings (limits, extension schemas) changed, in the statement that changes
 * them, so no change can commit without its mark: replicas poll the mark to drop their copies
 * ({@code tenancy.TenantSettingsWatch}).
 */
final class TenantSettings {

    private TenantSettings() {
    }

    /**
     * An UPDATE for a statement whose first parameter is the tenant: it marks the tenant when the
     * common table expression {@code changes} returned a row, so a change that matched nothing
     * (a schema not there to delete) sends no replica to the database.
     */
    static String markedIfAny(String changes) {
        return "UPDATE tenant SET settings_changed_at = clock_timestamp() WHERE id = $1 AND EXISTS (SELECT FROM "
                + changes + ")";
    }
}
