-- Cached credentials are now kept valid by the store's in-memory change counts (temporary triggers),
-- so the persistent triggers that counted the same changes in id_sequences, and their row, go.
DROP TRIGGER IF EXISTS `credentials_users_insert`;--> statement-breakpoint
DROP TRIGGER IF EXISTS `credentials_users_update`;--> statement-breakpoint
DROP TRIGGER IF EXISTS `credentials_users_delete`;--> statement-breakpoint
DROP TRIGGER IF EXISTS `credentials_tokens_insert`;--> statement-breakpoint
DROP TRIGGER IF EXISTS `credentials_tokens_update`;--> statement-breakpoint
DROP TRIGGER IF EXISTS `credentials_tokens_delete`;--> statement-breakpoint
DROP TRIGGER IF EXISTS `credentials_memberships_insert`;--> statement-breakpoint
DROP TRIGGER IF EXISTS `credentials_memberships_update`;--> statement-breakpoint
DROP TRIGGER IF EXISTS `credentials_memberships_delete`;--> statement-breakpoint
DELETE FROM `id_sequences` WHERE `name` = 'credentials';
