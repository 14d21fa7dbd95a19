-- Timed work, the event log and per-dialect webhooks. Hand edits to drizzle-kit's output: nodes in transition
-- become timed work, old events keep their ids (and the events sequence starts past them), and webhooks made
-- before webhooks had a dialect were MedStack's, the only dialect with webhooks then.
CREATE TABLE `id_sequences` (
	`name` text PRIMARY KEY NOT NULL,
	`last` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `timed_work` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`target` text NOT NULL,
	`settles_at` text NOT NULL,
	`payload` text DEFAULT '{}' NOT NULL,
	`error` text,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `timed_work_settles_at` ON `timed_work` (`settles_at`);--> statement-breakpoint
CREATE INDEX `timed_work_target` ON `timed_work` (`target`);--> statement-breakpoint
INSERT INTO `timed_work`("kind", "target", "settles_at", "payload", "created_at") SELECT CASE "status" WHEN 'provisioning' THEN 'node.provision' WHEN 'resizing' THEN 'node.resize' WHEN 'rebooting' THEN 'node.reboot' ELSE 'node.delete' END, 'node:' || "id", "settles_at", CASE WHEN "pending_size_id" IS NULL THEN '{}' ELSE json_object('sizeId', "pending_size_id") END, "updated_at" FROM `nodes` WHERE "settles_at" IS NOT NULL;--> statement-breakpoint
PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_nodes` (
	`id` text PRIMARY KEY NOT NULL,
	`cluster_id` text NOT NULL,
	`size_id` text NOT NULL,
	`status` text NOT NULL,
	`public_ip` text NOT NULL,
	`swarm_manager` integer NOT NULL,
	`os_type` text NOT NULL,
	`os_distribution` text NOT NULL,
	`os_version` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`cluster_id`) REFERENCES `clusters`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`size_id`) REFERENCES `node_sizes`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
INSERT INTO `__new_nodes`("id", "cluster_id", "size_id", "status", "public_ip", "swarm_manager", "os_type", "os_distribution", "os_version", "created_at", "updated_at") SELECT "id", "cluster_id", "size_id", "status", "public_ip", "swarm_manager", "os_type", "os_distribution", "os_version", "created_at", "updated_at" FROM `nodes`;--> statement-breakpoint
DROP TABLE `nodes`;--> statement-breakpoint
ALTER TABLE `__new_nodes` RENAME TO `nodes`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE INDEX `nodes_cluster` ON `nodes` (`cluster_id`);--> statement-breakpoint
CREATE TABLE `__new_events` (
	`id` integer PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`cluster_id` text,
	`app_id` text,
	`kind` text NOT NULL,
	`target_type` text NOT NULL,
	`target_value` text NOT NULL,
	`owner` text NOT NULL,
	`owner_type` text NOT NULL,
	`started_at` text NOT NULL,
	`ended_at` text,
	`running` integer NOT NULL,
	`error` text,
	`log` text DEFAULT '' NOT NULL,
	`cancelable` integer DEFAULT false NOT NULL,
	`data` text DEFAULT '{}' NOT NULL
);
--> statement-breakpoint
INSERT INTO `__new_events`("id", "tenant_id", "cluster_id", "app_id", "kind", "target_type", "target_value", "owner", "owner_type", "started_at", "ended_at", "running", "data") SELECT "id", "tenant_id", "cluster_id", "app_id", "kind", CASE WHEN "app_id" IS NOT NULL OR "kind" = 'app.destroy' THEN 'app' WHEN "kind" LIKE 'node.%' THEN 'node' WHEN "kind" = 'webhook.test' THEN 'webhook' WHEN "cluster_id" IS NOT NULL THEN 'cluster' ELSE 'tenant' END, COALESCE(json_extract("data", '$.app'), json_extract("data", '$.node.id'), json_extract("data", '$.webhookId'), "cluster_id", "tenant_id"), "actor", CASE "actor" WHEN 'platform' THEN 'internal' ELSE 'user' END, "created_at", "created_at", 0, "data" FROM `events`;--> statement-breakpoint
INSERT INTO `id_sequences`("name", "last") SELECT 'events', MAX(COALESCE((SELECT "seq" FROM `sqlite_sequence` WHERE "name" = 'events'), 0), COALESCE((SELECT MAX("id") FROM `__new_events`), 0));--> statement-breakpoint
DROP TABLE `events`;--> statement-breakpoint
ALTER TABLE `__new_events` RENAME TO `events`;--> statement-breakpoint
CREATE INDEX `events_tenant` ON `events` (`tenant_id`,`id`);--> statement-breakpoint
CREATE INDEX `events_app` ON `events` (`app_id`,`id`);--> statement-breakpoint
CREATE INDEX `events_target` ON `events` (`target_type`,`target_value`,`id`);--> statement-breakpoint
ALTER TABLE `webhooks` ADD `dialect` text DEFAULT 'medstack' NOT NULL;