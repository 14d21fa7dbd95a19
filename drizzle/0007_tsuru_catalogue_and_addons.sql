CREATE TABLE `app_catalogue_choices` (
	`app_id` text PRIMARY KEY NOT NULL,
	`platform` text DEFAULT '' NOT NULL,
	`plan` text DEFAULT '' NOT NULL,
	`router` text DEFAULT '' NOT NULL,
	`router_opts` text DEFAULT '{}' NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`tags` text DEFAULT '[]' NOT NULL,
	FOREIGN KEY (`app_id`) REFERENCES `apps`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `plans` (
	`name` text PRIMARY KEY NOT NULL,
	`memory` integer NOT NULL,
	`cpu_milli` integer NOT NULL,
	`is_default` integer DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE `platforms` (
	`name` text PRIMARY KEY NOT NULL,
	`disabled` integer DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE `routers` (
	`name` text PRIMARY KEY NOT NULL,
	`type` text NOT NULL,
	`is_default` integer DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE `tenant_profiles` (
	`tenant_id` text PRIMARY KEY NOT NULL,
	`tags` text DEFAULT '[]' NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `token_details` (
	`token` text PRIMARY KEY NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`creator_email` text DEFAULT '' NOT NULL,
	FOREIGN KEY (`token`) REFERENCES `tokens`(`token`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `addon_bindings` (
	`instance_id` integer NOT NULL,
	`app_id` text NOT NULL,
	`created_at` text NOT NULL,
	PRIMARY KEY(`instance_id`, `app_id`),
	FOREIGN KEY (`instance_id`) REFERENCES `addon_instances`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`app_id`) REFERENCES `apps`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `addon_bindings_app` ON `addon_bindings` (`app_id`);--> statement-breakpoint
CREATE TABLE `addon_instance_teams` (
	`instance_id` integer NOT NULL,
	`tenant_id` text NOT NULL,
	PRIMARY KEY(`instance_id`, `tenant_id`),
	FOREIGN KEY (`instance_id`) REFERENCES `addon_instances`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `addon_instance_teams_tenant` ON `addon_instance_teams` (`tenant_id`);--> statement-breakpoint
CREATE TABLE `addon_instances` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`service_name` text NOT NULL,
	`name` text NOT NULL,
	`tenant_id` text NOT NULL,
	`plan` text DEFAULT '' NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`tags` text DEFAULT '[]' NOT NULL,
	`parameters` text DEFAULT '{}' NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`service_name`) REFERENCES `addon_services`(`name`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `addon_instances_service_name` ON `addon_instances` (`service_name`,`name`);--> statement-breakpoint
CREATE INDEX `addon_instances_tenant` ON `addon_instances` (`tenant_id`);--> statement-breakpoint
CREATE TABLE `addon_services` (
	`name` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`endpoint` text DEFAULT '' NOT NULL,
	`username` text DEFAULT '' NOT NULL,
	`password` text DEFAULT '' NOT NULL,
	`doc` text DEFAULT '' NOT NULL,
	`plans` text DEFAULT '[]' NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `addon_services_tenant` ON `addon_services` (`tenant_id`);