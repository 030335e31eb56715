-- Issue 15: the console's Overview counts a tenant's deactivated users. Only deactivated users are
-- in this index, so the hot path (creating and updating active users) never writes it, and the
-- count reads that tenant's few entries of it instead of every user row.
CREATE INDEX scim_user_deactivated ON scim_user (tenant_id) WHERE NOT active;
