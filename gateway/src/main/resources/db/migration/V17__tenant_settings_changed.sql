-- Replicas keep each tenant's limits and extension schemas in memory until they change, and learn
-- of a change made on another replica by polling for tenants whose settings changed since their
-- last look (as they do for tokens). A tenant that never changed its settings has no value here,
-- so the partial index holds only the few that did.
ALTER TABLE tenant ADD COLUMN settings_changed_at timestamptz;
CREATE INDEX tenant_settings_changed ON tenant (settings_changed_at) WHERE settings_changed_at IS NOT NULL;
