-- Hand-completed: drizzle-kit's draft would drop configs and rebuild tables without carrying their rows over.
-- Store runs migrations with foreign keys off, so rebuilding a parent table cascades nothing.
CREATE TABLE `memberships` (
	`user_id` integer NOT NULL,
	`tenant_id` text NOT NULL,
	`role` text NOT NULL,
	`is_home` integer DEFAULT false NOT NULL,
	`created_at` text NOT NULL,
	PRIMARY KEY(`user_id`, `tenant_id`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `memberships_tenant` ON `memberships` (`tenant_id`);--> statement-breakpoint
INSERT INTO `memberships` SELECT `id`, `tenant_id`, CASE WHEN `is_superuser` THEN 'admin' ELSE 'user' END, 1, `date_joined` FROM `users`;--> statement-breakpoint
CREATE TABLE `variables` (
	`id` text PRIMARY KEY NOT NULL,
	`environment_id` text NOT NULL,
	`kind` text NOT NULL,
	`name` text NOT NULL,
	`value` text NOT NULL,
	`is_sensitive` integer DEFAULT false NOT NULL,
	`source` text DEFAULT 'user' NOT NULL,
	`position` integer NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`environment_id`) REFERENCES `environments`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `variables_environment_kind_name` ON `variables` (`environment_id`,`kind`,`name`);--> statement-breakpoint
CREATE INDEX `variables_environment_position` ON `variables` (`environment_id`,`position`);--> statement-breakpoint
CREATE VIEW `__config_rows` AS
	SELECT c.`id` AS config_id, m.kind AS kind, j.`key` AS name, j.`value` AS value, m.rank * 100000 + j.`id` AS rank
	FROM `configs` c
	JOIN (SELECT 'env' AS kind, 0 AS rank UNION ALL SELECT 'memory', 1 UNION ALL SELECT 'cpu', 2 UNION ALL SELECT 'tag', 3) m
	JOIN json_each(CASE m.kind WHEN 'env' THEN c.`values` WHEN 'memory' THEN c.`memory` WHEN 'cpu' THEN c.`cpu` ELSE c.`tags` END) j;--> statement-breakpoint
INSERT INTO `variables`
	SELECT lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-a' || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6))),
		r.`environment_id`, v.kind, v.name, json_quote(v.value), 0, 'user',
		row_number() OVER (PARTITION BY r.`environment_id` ORDER BY v.rank), c.`created_at`, c.`updated_at`
	FROM `releases` r
	JOIN `configs` c ON c.`id` = r.`config_id`
	JOIN `__config_rows` v ON v.config_id = c.`id`
	WHERE r.`version` = (SELECT max(`version`) FROM `releases` r2 WHERE r2.`environment_id` = r.`environment_id`);--> statement-breakpoint
CREATE TABLE `__new_releases` (
	`id` text PRIMARY KEY NOT NULL,
	`environment_id` text NOT NULL,
	`version` integer NOT NULL,
	`created_by` text NOT NULL,
	`build_id` text,
	`config_id` text NOT NULL,
	`config_created_at` text NOT NULL,
	`config_created_by` text NOT NULL,
	`variables` text NOT NULL,
	`summary` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`environment_id`) REFERENCES `environments`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`build_id`) REFERENCES `builds`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
INSERT INTO `__new_releases`
	SELECT r.`id`, r.`environment_id`, r.`version`, r.`created_by`, r.`build_id`, r.`config_id`, c.`created_at`, c.`created_by`,
		(SELECT json_group_array(json_object('kind', v.kind, 'name', v.name, 'value', v.value, 'isSensitive', json('false'), 'source', 'user'))
			FROM (SELECT * FROM `__config_rows` WHERE config_id = c.`id` ORDER BY rank) v),
		r.`summary`, r.`created_at`, r.`updated_at`
	FROM `releases` r JOIN `configs` c ON c.`id` = r.`config_id`;--> statement-breakpoint
DROP VIEW `__config_rows`;--> statement-breakpoint
DROP TABLE `releases`;--> statement-breakpoint
ALTER TABLE `__new_releases` RENAME TO `releases`;--> statement-breakpoint
CREATE UNIQUE INDEX `releases_environment_version` ON `releases` (`environment_id`,`version`);--> statement-breakpoint
CREATE INDEX `releases_build` ON `releases` (`build_id`);--> statement-breakpoint
DROP TABLE `configs`;--> statement-breakpoint
CREATE TABLE `__new_apps` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`tenant_id` text NOT NULL,
	`cluster_id` text NOT NULL,
	`owner_id` integer,
	`created_by_id` integer,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`cluster_id`) REFERENCES `clusters`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`owner_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`created_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
INSERT INTO `__new_apps` SELECT `id`, `name`, `tenant_id`, `cluster_id`, `owner_id`, `owner_id`, `created_at`, `updated_at` FROM `apps`;--> statement-breakpoint
ALTER TABLE `environments` ADD `is_primary` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `environments` ADD `branch` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `environments` ADD `position` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
UPDATE `environments` SET `is_primary` = 1 WHERE `name` = 'default';--> statement-breakpoint
CREATE INDEX `environments_app_primary` ON `environments` (`app_id`,`is_primary`);--> statement-breakpoint
CREATE TABLE `__new_domains` (
	`id` text PRIMARY KEY NOT NULL,
	`environment_id` text NOT NULL,
	`name` text NOT NULL,
	`created_by` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`environment_id`) REFERENCES `environments`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
INSERT INTO `__new_domains`
	SELECT d.`id`, e.`id`, d.`name`, d.`created_by`, d.`created_at`, d.`updated_at`
	FROM `domains` d JOIN `environments` e ON e.`app_id` = d.`app_id` AND e.`is_primary` = 1;--> statement-breakpoint
DROP TABLE `domains`;--> statement-breakpoint
ALTER TABLE `__new_domains` RENAME TO `domains`;--> statement-breakpoint
CREATE UNIQUE INDEX `domains_name_unique` ON `domains` (`name`);--> statement-breakpoint
CREATE INDEX `domains_environment` ON `domains` (`environment_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `__new_app_grants` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`app_id` text NOT NULL,
	`user_id` integer,
	`tenant_id` text,
	`created_at` text NOT NULL,
	FOREIGN KEY (`app_id`) REFERENCES `apps`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
INSERT INTO `__new_app_grants` (`app_id`, `user_id`, `created_at`) SELECT `app_id`, `user_id`, `created_at` FROM `app_grants`;--> statement-breakpoint
DROP TABLE `app_grants`;--> statement-breakpoint
ALTER TABLE `__new_app_grants` RENAME TO `app_grants`;--> statement-breakpoint
CREATE UNIQUE INDEX `app_grants_app_user` ON `app_grants` (`app_id`,`user_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `app_grants_app_tenant` ON `app_grants` (`app_id`,`tenant_id`);--> statement-breakpoint
CREATE INDEX `app_grants_user` ON `app_grants` (`user_id`);--> statement-breakpoint
CREATE INDEX `app_grants_tenant` ON `app_grants` (`tenant_id`);--> statement-breakpoint
DROP TABLE `apps`;--> statement-breakpoint
ALTER TABLE `__new_apps` RENAME TO `apps`;--> statement-breakpoint
CREATE UNIQUE INDEX `apps_name_unique` ON `apps` (`name`);--> statement-breakpoint
CREATE INDEX `apps_tenant` ON `apps` (`tenant_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `apps_cluster` ON `apps` (`cluster_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `apps_owner` ON `apps` (`owner_id`);--> statement-breakpoint
CREATE INDEX `apps_created_by` ON `apps` (`created_by_id`);--> statement-breakpoint
CREATE INDEX `apps_created` ON `apps` (`created_at`,`name`);--> statement-breakpoint
CREATE TABLE `__new_tokens` (
	`token` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`user_id` integer,
	`tenant_id` text,
	`name` text DEFAULT '' NOT NULL,
	`expires_at` text,
	`created_at` text NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
INSERT INTO `__new_tokens` (`token`, `kind`, `user_id`, `created_at`) SELECT `token`, 'api', `user_id`, `created_at` FROM `tokens`;--> statement-breakpoint
DROP TABLE `tokens`;--> statement-breakpoint
ALTER TABLE `__new_tokens` RENAME TO `tokens`;--> statement-breakpoint
CREATE INDEX `tokens_user` ON `tokens` (`user_id`);--> statement-breakpoint
CREATE INDEX `tokens_tenant` ON `tokens` (`tenant_id`);--> statement-breakpoint
CREATE TABLE `__new_users` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`username` text NOT NULL,
	`email` text,
	`password_hash` text NOT NULL,
	`first_name` text DEFAULT '' NOT NULL,
	`last_name` text DEFAULT '' NOT NULL,
	`is_superuser` integer DEFAULT false NOT NULL,
	`is_active` integer DEFAULT true NOT NULL,
	`date_joined` text NOT NULL,
	`last_login` text
);
--> statement-breakpoint
INSERT INTO `__new_users`
	SELECT `id`, `username`,
		CASE WHEN `email` = '' OR EXISTS (SELECT 1 FROM `users` u2 WHERE u2.`email` = u.`email` AND u2.`id` < u.`id`) THEN NULL ELSE `email` END,
		`password_hash`, `first_name`, `last_name`, `is_superuser`, `is_active`, `date_joined`, `last_login`
	FROM `users` u;--> statement-breakpoint
DROP TABLE `users`;--> statement-breakpoint
ALTER TABLE `__new_users` RENAME TO `users`;--> statement-breakpoint
CREATE UNIQUE INDEX `users_username_unique` ON `users` (`username`);--> statement-breakpoint
CREATE UNIQUE INDEX `users_email_unique` ON `users` (`email`);--> statement-breakpoint
DROP INDEX `processes_environment_type`;--> statement-breakpoint
CREATE INDEX `processes_release` ON `processes` (`release_id`);--> statement-breakpoint
CREATE INDEX `processes_environment_type` ON `processes` (`environment_id`,`type`,`num`);--> statement-breakpoint
ALTER TABLE `clusters` ADD `uuid` text DEFAULT '' NOT NULL;--> statement-breakpoint
UPDATE `clusters` SET `uuid` = lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-a' || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)));--> statement-breakpoint
CREATE UNIQUE INDEX `clusters_uuid_unique` ON `clusters` (`uuid`);--> statement-breakpoint
ALTER TABLE `tenants` ADD `uuid` text DEFAULT '' NOT NULL;--> statement-breakpoint
UPDATE `tenants` SET `uuid` = lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-a' || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)));--> statement-breakpoint
CREATE UNIQUE INDEX `tenants_uuid_unique` ON `tenants` (`uuid`);
