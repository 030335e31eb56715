-- Issue 16: the gateway as an OAuth 2.0 authorization server for SCIM clients.
-- Secrets, codes and refresh tokens are kept as SHA-256 hashes only: each is 256 random bits, so
-- its hash is both what is stored and how it is found.

-- A client that may ask for tokens. tenant_id is null for a deployment-wide client (Okta's OIN
-- shares one client across every customer of an app): its tenant is whoever's admin authorizes it.
-- Like tenant, this is a small table that every statement reaches by client_id, which would be
-- a reference table if the schema were distributed by tenant.
CREATE TABLE oauth_client (
    client_id     text PRIMARY KEY,
    tenant_id     text REFERENCES tenant (id) ON DELETE CASCADE,
    name          text        NOT NULL,
    secret_hash   bytea       NOT NULL,
    redirect_uris text[]      NOT NULL,
    grant_types   text[]      NOT NULL,
    -- The grant that client_credentials tokens belong to (a tenant_token row); null without that grant type.
    credentials_grant_id uuid,
    created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX oauth_client_tenant ON oauth_client (tenant_id);

-- Every grant is a row of tenant_token, named for its client and without a secret of its own
-- (an empty token_hash, which no token hashes to): so it is listed, tracked for last use and
-- revoked like any token, and every replica learns of its revocation by the same polling.
ALTER TABLE tenant_token ADD COLUMN oauth_client_id text;
-- A client may hold several grants of one tenant, all named for it; names stay unique among named tokens.
DROP INDEX tenant_token_active_name;
CREATE UNIQUE INDEX tenant_token_active_name ON tenant_token (tenant_id, name)
    WHERE revoked_at IS NULL AND oauth_client_id IS NULL;
CREATE INDEX tenant_token_oauth_client ON tenant_token (oauth_client_id) WHERE oauth_client_id IS NOT NULL;

-- Authorization codes: single use (used_at), short-lived, bound to the client, the exact redirect
-- URI, the tenant and the PKCE challenge. grant_id is the grant the code's exchange creates, so
-- that a second use of the code can revoke it.
CREATE TABLE oauth_code (
    tenant_id      text        NOT NULL REFERENCES tenant (id) ON DELETE CASCADE,
    code_hash      bytea       NOT NULL,
    client_id      text        NOT NULL REFERENCES oauth_client (client_id) ON DELETE CASCADE,
    grant_id       uuid        NOT NULL,
    redirect_uri   text        NOT NULL,
    code_challenge text,
    scopes         text[]      NOT NULL,
    offline        boolean     NOT NULL,
    expires_at     timestamptz NOT NULL,
    used_at        timestamptz,
    PRIMARY KEY (tenant_id, code_hash)
);
CREATE INDEX oauth_code_expires ON oauth_code (expires_at);

-- Refresh tokens, rotated on use: a used one is kept (used_at set) so that its reuse is
-- recognised and revokes the whole grant (RFC 9700 §4.14.2).
CREATE TABLE oauth_refresh_token (
    tenant_id  text        NOT NULL REFERENCES tenant (id) ON DELETE CASCADE,
    token_hash bytea       NOT NULL,
    grant_id   uuid        NOT NULL,
    client_id  text        NOT NULL REFERENCES oauth_client (client_id) ON DELETE CASCADE,
    created_at timestamptz NOT NULL DEFAULT now(),
    used_at    timestamptz,
    PRIMARY KEY (tenant_id, token_hash)
);
CREATE INDEX oauth_refresh_token_grant ON oauth_refresh_token (tenant_id, grant_id);
