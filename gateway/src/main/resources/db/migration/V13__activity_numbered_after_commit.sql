-- Changes are numbered after they commit, by whoever reads the log first (storage.ChangeNumbering),
-- no longer by the write itself: a write that took the tenant's sequence row held it until its
-- commit, so a tenant's writes could not share a commit flush. The rows waiting for their number
-- are found by this index; a numbered row leaves it and enters activity_change_seq.
CREATE INDEX activity_unnumbered ON activity (tenant_id, id) WHERE seq IS NULL AND action <> 'refused';
