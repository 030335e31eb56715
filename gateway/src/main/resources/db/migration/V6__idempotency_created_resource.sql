-- The resource a keyed create made, written by the statement that creates it: a claim whose
-- request committed but died before its answer was stored is answered from it, never run again.
ALTER TABLE idempotency_record ADD COLUMN resource_id uuid;
