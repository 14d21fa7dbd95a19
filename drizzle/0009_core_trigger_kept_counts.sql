CREATE TABLE `app_counts` (
	`tenant_id` text NOT NULL,
	`owner_id` integer NOT NULL,
	`n` integer NOT NULL,
	PRIMARY KEY(`tenant_id`, `owner_id`)
);
--> statement-breakpoint
CREATE INDEX `app_counts_owner` ON `app_counts` (`owner_id`);--> statement-breakpoint
INSERT INTO `app_counts` (`tenant_id`, `owner_id`, `n`) SELECT `tenant_id`, coalesce(`owner_id`, 0), count(*) FROM `apps` GROUP BY 1, 2;--> statement-breakpoint
CREATE TRIGGER `app_counts_insert` AFTER INSERT ON `apps` BEGIN
	INSERT INTO `app_counts` (`tenant_id`, `owner_id`, `n`) VALUES (new.`tenant_id`, coalesce(new.`owner_id`, 0), 1)
		ON CONFLICT (`tenant_id`, `owner_id`) DO UPDATE SET `n` = `n` + 1;
END;--> statement-breakpoint
CREATE TRIGGER `app_counts_delete` AFTER DELETE ON `apps` BEGIN
	UPDATE `app_counts` SET `n` = `n` - 1 WHERE `tenant_id` = old.`tenant_id` AND `owner_id` = coalesce(old.`owner_id`, 0);
END;--> statement-breakpoint
CREATE TRIGGER `app_counts_move` AFTER UPDATE OF `tenant_id`, `owner_id` ON `apps`
	WHEN new.`tenant_id` IS NOT old.`tenant_id` OR new.`owner_id` IS NOT old.`owner_id` BEGIN
	UPDATE `app_counts` SET `n` = `n` - 1 WHERE `tenant_id` = old.`tenant_id` AND `owner_id` = coalesce(old.`owner_id`, 0);
	INSERT INTO `app_counts` (`tenant_id`, `owner_id`, `n`) VALUES (new.`tenant_id`, coalesce(new.`owner_id`, 0), 1)
		ON CONFLICT (`tenant_id`, `owner_id`) DO UPDATE SET `n` = `n` + 1;
END;
--> statement-breakpoint
INSERT INTO `id_sequences` (`name`, `last`) VALUES ('credentials', 1) ON CONFLICT (`name`) DO NOTHING;--> statement-breakpoint
CREATE TRIGGER `credentials_users_insert` AFTER INSERT ON `users` BEGIN UPDATE `id_sequences` SET `last` = `last` + 1 WHERE `name` = 'credentials'; END;--> statement-breakpoint
CREATE TRIGGER `credentials_users_update` AFTER UPDATE ON `users` BEGIN UPDATE `id_sequences` SET `last` = `last` + 1 WHERE `name` = 'credentials'; END;--> statement-breakpoint
CREATE TRIGGER `credentials_users_delete` AFTER DELETE ON `users` BEGIN UPDATE `id_sequences` SET `last` = `last` + 1 WHERE `name` = 'credentials'; END;--> statement-breakpoint
CREATE TRIGGER `credentials_tokens_insert` AFTER INSERT ON `tokens` BEGIN UPDATE `id_sequences` SET `last` = `last` + 1 WHERE `name` = 'credentials'; END;--> statement-breakpoint
CREATE TRIGGER `credentials_tokens_update` AFTER UPDATE ON `tokens` BEGIN UPDATE `id_sequences` SET `last` = `last` + 1 WHERE `name` = 'credentials'; END;--> statement-breakpoint
CREATE TRIGGER `credentials_tokens_delete` AFTER DELETE ON `tokens` BEGIN UPDATE `id_sequences` SET `last` = `last` + 1 WHERE `name` = 'credentials'; END;--> statement-breakpoint
CREATE TRIGGER `credentials_memberships_insert` AFTER INSERT ON `memberships` BEGIN UPDATE `id_sequences` SET `last` = `last` + 1 WHERE `name` = 'credentials'; END;--> statement-breakpoint
CREATE TRIGGER `credentials_memberships_update` AFTER UPDATE ON `memberships` BEGIN UPDATE `id_sequences` SET `last` = `last` + 1 WHERE `name` = 'credentials'; END;--> statement-breakpoint
CREATE TRIGGER `credentials_memberships_delete` AFTER DELETE ON `memberships` BEGIN UPDATE `id_sequences` SET `last` = `last` + 1 WHERE `name` = 'credentials'; END;
