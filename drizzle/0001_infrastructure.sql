CREATE TABLE `config_files` (
	`id` text PRIMARY KEY NOT NULL,
	`cluster_id` text NOT NULL,
	`name` text NOT NULL,
	`data` text NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`cluster_id`) REFERENCES `clusters`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `config_files_cluster_name` ON `config_files` (`cluster_id`,`name`);--> statement-breakpoint
CREATE TABLE `node_sizes` (
	`id` text PRIMARY KEY NOT NULL,
	`cluster_id` text,
	`title` text NOT NULL,
	`vcpu` integer NOT NULL,
	`memory` real NOT NULL,
	FOREIGN KEY (`cluster_id`) REFERENCES `clusters`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `nodes` (
	`id` text PRIMARY KEY NOT NULL,
	`cluster_id` text NOT NULL,
	`size_id` text NOT NULL,
	`pending_size_id` text,
	`status` text NOT NULL,
	`settles_at` text,
	`public_ip` text NOT NULL,
	`swarm_manager` integer NOT NULL,
	`os_type` text NOT NULL,
	`os_distribution` text NOT NULL,
	`os_version` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`cluster_id`) REFERENCES `clusters`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`size_id`) REFERENCES `node_sizes`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`pending_size_id`) REFERENCES `node_sizes`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `nodes_cluster` ON `nodes` (`cluster_id`);--> statement-breakpoint
CREATE INDEX `nodes_settles_at` ON `nodes` (`settles_at`);--> statement-breakpoint
CREATE TABLE `secrets` (
	`id` text PRIMARY KEY NOT NULL,
	`cluster_id` text NOT NULL,
	`name` text NOT NULL,
	`value` text NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`cluster_id`) REFERENCES `clusters`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `secrets_cluster_name` ON `secrets` (`cluster_id`,`name`);--> statement-breakpoint
CREATE TABLE `volumes` (
	`id` text PRIMARY KEY NOT NULL,
	`cluster_id` text NOT NULL,
	`name` text NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`cluster_id`) REFERENCES `clusters`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `volumes_cluster_name` ON `volumes` (`cluster_id`,`name`);--> statement-breakpoint
CREATE TABLE `webhook_deliveries` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`webhook_id` text NOT NULL,
	`event_type` text NOT NULL,
	`payload` text NOT NULL,
	`attempts` integer NOT NULL,
	`status_code` integer,
	`response_body` text DEFAULT '' NOT NULL,
	`error` text,
	`succeeded` integer NOT NULL,
	`delivered_at` text NOT NULL,
	FOREIGN KEY (`webhook_id`) REFERENCES `webhooks`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `webhook_deliveries_webhook` ON `webhook_deliveries` (`webhook_id`);--> statement-breakpoint
CREATE TABLE `webhooks` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`cluster_id` text,
	`url` text NOT NULL,
	`label` text,
	`last_triggered` text,
	`failure_count` integer DEFAULT 0 NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`cluster_id`) REFERENCES `clusters`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `webhooks_tenant` ON `webhooks` (`tenant_id`);--> statement-breakpoint
CREATE TABLE `workload_files` (
	`id` text PRIMARY KEY NOT NULL,
	`app_id` text NOT NULL,
	`kind` text NOT NULL,
	`secret_id` text,
	`config_file_id` text,
	`file_name` text NOT NULL,
	`uid` integer NOT NULL,
	`gid` integer NOT NULL,
	`mode` text NOT NULL,
	`position` integer NOT NULL,
	FOREIGN KEY (`app_id`) REFERENCES `apps`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`secret_id`) REFERENCES `secrets`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`config_file_id`) REFERENCES `config_files`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `workload_files_app` ON `workload_files` (`app_id`);--> statement-breakpoint
CREATE TABLE `workload_mounts` (
	`id` text PRIMARY KEY NOT NULL,
	`app_id` text NOT NULL,
	`volume_id` text NOT NULL,
	`target` text NOT NULL,
	`readonly` integer NOT NULL,
	`position` integer NOT NULL,
	FOREIGN KEY (`app_id`) REFERENCES `apps`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`volume_id`) REFERENCES `volumes`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `workload_mounts_app` ON `workload_mounts` (`app_id`);--> statement-breakpoint
CREATE TABLE `workload_specs` (
	`app_id` text PRIMARY KEY NOT NULL,
	`command` text DEFAULT '' NOT NULL,
	`args` text DEFAULT '' NOT NULL,
	`hosts` text DEFAULT '[]' NOT NULL,
	`port` integer DEFAULT 0 NOT NULL,
	`protocol` text DEFAULT '' NOT NULL,
	`healthcheck` text NOT NULL,
	`placement` text DEFAULT '[]' NOT NULL,
	`update_policy` text NOT NULL,
	`rollback_policy` text NOT NULL,
	FOREIGN KEY (`app_id`) REFERENCES `apps`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
ALTER TABLE `clusters` ADD `provider` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `clusters` ADD `region` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `events` ADD `cluster_id` text;--> statement-breakpoint
ALTER TABLE `tenants` ADD `details` text DEFAULT '{}' NOT NULL;