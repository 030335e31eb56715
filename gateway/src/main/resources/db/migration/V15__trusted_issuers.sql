-- Issue 16 item 2: federated JWTs. A tenant trusts an external issuer (its IdP) whose JWTs, verified
-- against the issuer's JWKS, authenticate SCIM requests for that tenant.

-- Every trust is also a row of tenant_token with the same id, named for the issuer and without a
-- secret of its own (an empty token_hash): so it is listed with its last use, and its removal
-- reaches every replica by the same polling that carries token revocations.
ALTER TABLE tenant_token ADD COLUMN trusted_issuer text;
DROP INDEX tenant_token_active_name;
CREATE UNIQUE INDEX tenant_token_active_name ON tenant_token (tenant_id, name)
    WHERE revoked_at IS NULL AND oauth_client_id IS NULL AND trusted_issuer IS NULL;

-- A removed trust keeps its row (removed_at set) so that replicas polling changed_at learn of it.
-- One active trust per issuer and tenant; two tenants may trust one issuer only when audiences or
-- required claims tell their JWTs apart, which the gateway checks when a trust is added.
CREATE TABLE trusted_issuer (
    tenant_id       text        NOT NULL REFERENCES tenant (id) ON DELETE CASCADE,
    id              uuid        NOT NULL,
    issuer          text        NOT NULL,
    audiences       text[]      NOT NULL,
    jwks_uri        text        NOT NULL,
    -- Claims a JWT must carry, pairwise: claim_names[i] must hold claim_values[i] (Entra's tid, say).
    claim_names     text[]      NOT NULL,
    claim_values    text[]      NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    removed_at      timestamptz,
    changed_at      timestamptz NOT NULL DEFAULT clock_timestamp(),
    PRIMARY KEY (tenant_id, id)
);
CREATE UNIQUE INDEX trusted_issuer_active ON trusted_issuer (tenant_id, issuer) WHERE removed_at IS NULL;
CREATE INDEX trusted_issuer_by_issuer ON trusted_issuer (issuer) WHERE removed_at IS NULL;
CREATE INDEX trusted_issuer_changed ON trusted_issuer (changed_at);
