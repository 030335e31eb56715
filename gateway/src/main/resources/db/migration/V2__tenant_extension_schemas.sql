-- Extension schemas a tenant registers (Okta profile-editor attributes arrive under one).
CREATE TABLE tenant_schema (
    tenant_id     text        NOT NULL REFERENCES tenant (id) ON DELETE CASCADE,
    id            text        NOT NULL,
    resource_type text        NOT NULL,
    definition    jsonb       NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now()
);
-- Schema URNs match case-insensitively everywhere in SCIM, so registration does too.
CREATE UNIQUE INDEX tenant_schema_urn ON tenant_schema (tenant_id, lower(id));
