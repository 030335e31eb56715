-- Groups may be members of groups (RFC 7643 §4.2). Membership stays one row per (group, member);
-- the row says which kind its member is. Each kind has a foreign key of its own, on a column the
-- row generates from member_id, so the database still refuses a member that does not exist and
-- removes a deleted user or group from every group it was in.
ALTER TABLE group_member DROP CONSTRAINT group_member_tenant_id_member_id_fkey;
DROP INDEX group_member_member;
-- Every row there was is a user's. The default stays so that the previous release, which inserts
-- users only and names no member_type, keeps working while both run during a rolling upgrade.
ALTER TABLE group_member ADD COLUMN member_type text NOT NULL DEFAULT 'User'
    CONSTRAINT group_member_type CHECK (member_type IN ('User', 'Group'));
-- Stored generated columns: adding them rewrites group_member once, under an exclusive lock.
ALTER TABLE group_member
    ADD COLUMN member_user  uuid GENERATED ALWAYS AS (CASE WHEN member_type = 'User' THEN member_id END) STORED,
    ADD COLUMN member_group uuid GENERATED ALWAYS AS (CASE WHEN member_type = 'Group' THEN member_id END) STORED;
ALTER TABLE group_member
    ADD CONSTRAINT group_member_user_fkey FOREIGN KEY (tenant_id, member_user)
        REFERENCES scim_user (tenant_id, id) ON DELETE CASCADE,
    ADD CONSTRAINT group_member_group_fkey FOREIGN KEY (tenant_id, member_group)
        REFERENCES scim_group (tenant_id, id) ON DELETE CASCADE;
-- A user's groups, and the cascade when a user is deleted.
CREATE INDEX group_member_user ON group_member (tenant_id, member_user);
-- Upward through nesting (the groups a group is in: cycle checks, a user's indirect groups) and
-- downward (the groups nested in a group: filters on a user's groups). Both hold only the rows of
-- nested groups, so a walk never reads the user rows of a large group.
CREATE INDEX group_member_parent ON group_member (tenant_id, member_group) WHERE member_group IS NOT NULL;
CREATE INDEX group_member_nested ON group_member (tenant_id, group_id, member_group) WHERE member_group IS NOT NULL;
