-- Per-tenant limits set through the admin API; tenants without a row use the configured defaults.
CREATE TABLE tenant_limits (
    tenant_id         text             PRIMARY KEY REFERENCES tenant (id) ON DELETE CASCADE,
    read_per_second   double precision NOT NULL CHECK (read_per_second > 0),
    read_burst        double precision NOT NULL CHECK (read_burst >= 1),
    write_per_second  double precision NOT NULL CHECK (write_per_second > 0),
    write_burst       double precision NOT NULL CHECK (write_burst >= 1),
    updated_at        timestamptz      NOT NULL DEFAULT now()
);

-- The shared token buckets. Replicas lease tokens from them in small batches, so the limit holds
-- across replicas while most requests never touch the database.
CREATE TABLE rate_bucket (
    tenant_id  text             NOT NULL REFERENCES tenant (id) ON DELETE CASCADE,
    kind       text             NOT NULL CHECK (kind IN ('read', 'write')),
    tokens     double precision NOT NULL,
    updated_at timestamptz      NOT NULL,
    PRIMARY KEY (tenant_id, kind)
);
