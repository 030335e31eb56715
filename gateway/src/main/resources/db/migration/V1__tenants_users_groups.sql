-- Tenants and the named tokens their IdPs use. Only a SHA-256 of each token is kept.
CREATE TABLE tenant (
    id           text PRIMARY KEY,
    display_name text        NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE tenant_token (
    id           uuid PRIMARY KEY,
    tenant_id    text        NOT NULL REFERENCES tenant (id) ON DELETE CASCADE,
    name         text        NOT NULL,
    token_hash   bytea       NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    last_used_at timestamptz,
    revoked_at   timestamptz,
    -- Replicas poll for rows changed since their last look; clock_timestamp() so the value is
    -- taken when the row is written, not when the transaction began.
    changed_at   timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX tenant_token_tenant ON tenant_token (tenant_id);
CREATE INDEX tenant_token_changed ON tenant_token (changed_at);
CREATE UNIQUE INDEX tenant_token_active_name ON tenant_token (tenant_id, name) WHERE revoked_at IS NULL;

-- Users: the SCIM document (without id, meta and password) plus the columns that filters,
-- uniqueness and paging need.
CREATE TABLE scim_user (
    tenant_id     text        NOT NULL REFERENCES tenant (id) ON DELETE CASCADE,
    id            uuid        NOT NULL,
    user_name     text        NOT NULL,
    external_id   text,
    display_name  text,
    active        boolean     NOT NULL DEFAULT true,
    doc           jsonb       NOT NULL,
    created_at    timestamptz NOT NULL,
    last_modified timestamptz NOT NULL,
    version       bigint      NOT NULL,
    PRIMARY KEY (tenant_id, id)
);
-- userName is unique case-insensitively while the stored value keeps the client's case.
CREATE UNIQUE INDEX scim_user_user_name ON scim_user (tenant_id, lower(user_name));
CREATE INDEX scim_user_user_name_prefix ON scim_user (tenant_id, lower(user_name) text_pattern_ops);
CREATE INDEX scim_user_external_id ON scim_user (tenant_id, external_id);
CREATE INDEX scim_user_display_name ON scim_user (tenant_id, lower(display_name));
CREATE INDEX scim_user_listing ON scim_user (tenant_id, created_at, id);

-- Groups: the document holds no members; membership is its own table.
CREATE TABLE scim_group (
    tenant_id     text        NOT NULL REFERENCES tenant (id) ON DELETE CASCADE,
    id            uuid        NOT NULL,
    display_name  text        NOT NULL,
    external_id   text,
    doc           jsonb       NOT NULL,
    created_at    timestamptz NOT NULL,
    last_modified timestamptz NOT NULL,
    version       bigint      NOT NULL,
    PRIMARY KEY (tenant_id, id)
);
CREATE UNIQUE INDEX scim_group_display_name ON scim_group (tenant_id, lower(display_name));
CREATE INDEX scim_group_external_id ON scim_group (tenant_id, external_id);
CREATE INDEX scim_group_listing ON scim_group (tenant_id, created_at, id);

-- One row per (group, member): adding members inserts rows and never reads the list.
-- Members are users only (no nested groups); deleting either side removes the row.
CREATE TABLE group_member (
    tenant_id text NOT NULL,
    group_id  uuid NOT NULL,
    member_id uuid NOT NULL,
    PRIMARY KEY (tenant_id, group_id, member_id),
    FOREIGN KEY (tenant_id, group_id) REFERENCES scim_group (tenant_id, id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, member_id) REFERENCES scim_user (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX group_member_member ON group_member (tenant_id, member_id);
