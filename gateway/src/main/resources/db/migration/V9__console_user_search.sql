-- The console searches users by prefix of userName, first e-mail, display name or family name,
-- case-insensitively. text_pattern_ops lets a LIKE 'prefix%' use the index whatever the database's
-- collation; userName already has one (V1). Each index starts with tenant_id, like every other.
CREATE INDEX scim_user_email_prefix ON scim_user (tenant_id, lower(doc #>> '{emails,0,value}') text_pattern_ops);
CREATE INDEX scim_user_display_name_prefix ON scim_user (tenant_id, lower(display_name) text_pattern_ops);
CREATE INDEX scim_user_family_name_prefix ON scim_user (tenant_id, lower(doc #>> '{name,familyName}') text_pattern_ops);
