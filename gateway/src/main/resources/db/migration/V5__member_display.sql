-- The display name a client gave a member when it added it; shown instead of the user's own.
ALTER TABLE group_member ADD COLUMN display text;
