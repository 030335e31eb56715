-- Issue 14: one per-tenant activity log. A change is written by the statement (or transaction) of
-- the change itself, so a 2xx always has its row and a rolled-back change never does; refused
-- requests are written behind the request path, in batches. The change feed reads changes by seq.

-- The last change sequence number given out per tenant. Taking numbers locks the tenant's row
-- until the change commits, so a tenant's changes become visible in sequence order: a reader that
-- has seen seq n has seen every change below n.
CREATE TABLE activity_sequence (
    tenant_id text   PRIMARY KEY REFERENCES tenant (id) ON DELETE CASCADE,
    last_seq  bigint NOT NULL
);

CREATE TABLE activity (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id       text        NOT NULL,
    at              timestamptz NOT NULL DEFAULT now(),
    -- Changes only: strictly increasing per tenant. Refused requests have none.
    seq             bigint,
    -- create, replace, patch, delete, activate, deactivate; refused for a refused request.
    action          text        NOT NULL,
    resource_type   text,
    resource_id     uuid,
    -- What identifies the resource to a person, never more: externalId, userName or displayName.
    external_id     text,
    label           text,
    members_added   bigint,
    members_removed bigint,
    -- The member ids of a membership change, when they are few; the counts always.
    member_ids      uuid[],
    -- Refused requests: the status, scimType and the detail the client was given.
    status          integer,
    scim_type       text,
    detail          text,
    method          text,
    path            text,
    token_id        uuid,
    token_name      text,
    request_id      text,
    -- A /Bulk operation or a stream line: its request and its index there.
    bulk_id         text,
    op_index        integer
);
CREATE UNIQUE INDEX activity_change_seq ON activity (tenant_id, seq) WHERE seq IS NOT NULL;
CREATE INDEX activity_newest ON activity (tenant_id, id);
