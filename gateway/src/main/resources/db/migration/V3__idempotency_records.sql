-- The first response to each (tenant, Idempotency-Key), replayed to retries.
CREATE TABLE idempotency_record (
    tenant_id    text        NOT NULL REFERENCES tenant (id) ON DELETE CASCADE,
    key          text        NOT NULL,
    fingerprint  bytea       NOT NULL,
    state        text        NOT NULL CHECK (state IN ('in_flight', 'done')),
    status       integer,
    headers      jsonb,
    body         bytea,
    created_at   timestamptz NOT NULL,
    expires_at   timestamptz NOT NULL,
    -- An in-flight claim whose replica died is taken over after this.
    locked_until timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, key)
);
CREATE INDEX idempotency_record_expiry ON idempotency_record (expires_at);
