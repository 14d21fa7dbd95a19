CREATE TABLE `app_profiles` (
	`app_id` text PRIMARY KEY NOT NULL,
	`display_name` text NOT NULL,
	`plan_group_id` text,
	`region_id` text,
	`template` text,
	`repository` text,
	`release_commands` text DEFAULT '[]' NOT NULL,
	`tags` text DEFAULT '[]' NOT NULL,
	`settings` text NOT NULL,
	`copied_from` text,
	`copy_type` text,
	`archived_at` text,
	FOREIGN KEY (`app_id`) REFERENCES `apps`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`plan_group_id`) REFERENCES `plan_groups`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`region_id`) REFERENCES `regions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `app_profiles_plan_group` ON `app_profiles` (`plan_group_id`);--> statement-breakpoint
CREATE INDEX `app_profiles_region` ON `app_profiles` (`region_id`);--> statement-breakpoint
CREATE TABLE `app_templates` (
	`id` text PRIMARY KEY NOT NULL,
	`identifier` text NOT NULL,
	`name` text NOT NULL,
	`short_description` text DEFAULT '' NOT NULL,
	`url` text NOT NULL,
	`is_default` integer DEFAULT false NOT NULL,
	`release_commands` text NOT NULL,
	`services` text NOT NULL,
	`tags` text NOT NULL,
	`position` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `app_templates_identifier_unique` ON `app_templates` (`identifier`);--> statement-breakpoint
CREATE UNIQUE INDEX `app_templates_url_unique` ON `app_templates` (`url`);--> statement-breakpoint
CREATE TABLE `deployments` (
	`id` text PRIMARY KEY NOT NULL,
	`environment_id` text NOT NULL,
	`created_by` text NOT NULL,
	`created_by_id` integer,
	`build_mode` text NOT NULL,
	`status` text NOT NULL,
	`percent` integer NOT NULL,
	`success` integer,
	`event_id` integer NOT NULL,
	`build_id` text,
	`release_id` text,
	`copy_from` text,
	`adopt_deployment` text,
	`provision_services` integer NOT NULL,
	`started_at` text NOT NULL,
	`ended_at` text,
	FOREIGN KEY (`environment_id`) REFERENCES `environments`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`build_id`) REFERENCES `builds`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`release_id`) REFERENCES `releases`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `deployments_environment` ON `deployments` (`environment_id`,`started_at`);--> statement-breakpoint
CREATE INDEX `deployments_build` ON `deployments` (`build_id`);--> statement-breakpoint
CREATE INDEX `deployments_release` ON `deployments` (`release_id`);--> statement-breakpoint
CREATE TABLE `plan_groups` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`tenant_id` text,
	`region_ids` text NOT NULL,
	`max_environments` integer NOT NULL,
	`position` integer NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `plan_groups_tenant` ON `plan_groups` (`tenant_id`);--> statement-breakpoint
CREATE TABLE `regions` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`short_name` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`is_public` integer DEFAULT true NOT NULL,
	`is_default` integer DEFAULT false NOT NULL,
	`prices` text NOT NULL,
	`position` integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE `domains` ADD `is_primary` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `domains` ADD `redirect_to_primary` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `domains` ADD `config` text DEFAULT '{}' NOT NULL;--> statement-breakpoint
ALTER TABLE `environments` ADD `alternative_dockerfile` text;--> statement-breakpoint
ALTER TABLE `variables` ADD `pattern_replacement` integer DEFAULT false NOT NULL;