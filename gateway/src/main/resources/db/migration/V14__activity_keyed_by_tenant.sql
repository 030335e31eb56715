-- Issue 14: every change writes one activity row, so each index on the table is paid by every
-- write. Every reader names the tenant (newest first, numbering, the feed), so the key is
-- (tenant_id, id) and it serves them all: the key on id alone and activity_newest go, one
-- B-tree fewer per change.
-- Retention and time-range reads find old rows by `at`, which rises with the insertion order:
-- a BRIN index serves them at almost no write cost.
ALTER TABLE activity DROP CONSTRAINT activity_pkey;
ALTER TABLE activity ADD CONSTRAINT activity_pkey PRIMARY KEY (tenant_id, id);
DROP INDEX activity_newest;
CREATE INDEX activity_at ON activity USING brin (at);
