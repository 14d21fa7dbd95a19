CREATE TABLE `permission_schemes` (
	`name` text PRIMARY KEY NOT NULL,
	`contexts` text NOT NULL,
	`position` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `roles` (
	`name` text PRIMARY KEY NOT NULL,
	`context` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`scheme_names` text NOT NULL,
	`grants` text NOT NULL,
	`position` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `roles_grants` ON `roles` (`grants`);--> statement-breakpoint
ALTER TABLE `app_catalogue_choices` ADD `metadata` text DEFAULT '{"labels":[],"annotations":[]}' NOT NULL;--> statement-breakpoint
ALTER TABLE `app_catalogue_choices` ADD `plan_override` text DEFAULT '{}' NOT NULL;