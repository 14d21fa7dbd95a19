CREATE TABLE `certificates` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`tenant_id` text NOT NULL,
	`owner_id` integer,
	`common_name` text NOT NULL,
	`certificate` text NOT NULL,
	`private_key` text NOT NULL,
	`subject_alt_names` text NOT NULL,
	`expires_at` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`owner_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `certificates_tenant_common_name` ON `certificates` (`tenant_id`,`common_name`);--> statement-breakpoint
CREATE INDEX `certificates_owner` ON `certificates` (`owner_id`);