CREATE TABLE `app_profiles` (
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
