-- Issue 15: tenant admin keys, console sessions, and tokens that may expire or be read-only.

-- A token may expire; past expires_at it is refused with a detail that says so.
ALTER TABLE tenant_token ADD COLUMN expires_at timestamptz;
-- What a token may do on SCIM: 'scim' (read and write) or 'scim.read' (GET and searches only).
ALTER TABLE tenant_token ADD COLUMN scopes text[] NOT NULL DEFAULT '{scim}';

-- Keys that the operator issues to a tenant's admins: the admin API and the console, for that
-- tenant only. Only a SHA-256 of each key is kept; the key is high-entropy, so the hash is its lookup.
CREATE TABLE tenant_admin_key (
    tenant_id  text        NOT NULL REFERENCES tenant (id) ON DELETE CASCADE,
    id         uuid        NOT NULL,
    name       text        NOT NULL,
    key_hash   bytea       NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    revoked_at timestamptz,
    PRIMARY KEY (tenant_id, id)
);
CREATE UNIQUE INDEX tenant_admin_key_hash ON tenant_admin_key (key_hash);
CREATE UNIQUE INDEX tenant_admin_key_active_name ON tenant_admin_key (tenant_id, name) WHERE revoked_at IS NULL;

-- Console sign-ins. Kept in the database, not in a replica's memory, so that any replica serves a
-- session and a sign-out or a key's revocation ends it everywhere at once. Only a hash of the
-- session cookie is kept. tenant_id and admin_key_id are null for the operator.
CREATE TABLE console_session (
    id_hash      bytea PRIMARY KEY,
    tenant_id    text REFERENCES tenant (id) ON DELETE CASCADE,
    admin_key_id uuid,
    created_at   timestamptz NOT NULL DEFAULT now(),
    last_seen_at timestamptz NOT NULL DEFAULT now(),
    ended_at     timestamptz
);
CREATE INDEX console_session_last_seen ON console_session (last_seen_at);
