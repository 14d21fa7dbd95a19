PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
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
INSERT INTO `__new_events`("id", "tenant_id", "cluster_id", "app_id", "kind", "target_type", "target_value", "owner", "owner_type", "started_at", "ended_at", "running", "error", "log", "cancelable", "data") SELECT "id", "tenant_id", "cluster_id", "app_id", "kind", "target_type", "target_value", "owner", "owner_type", "started_at", "ended_at", "running", "error", "log", "cancelable", "data" FROM `events`;--> statement-breakpoint
DROP TABLE `events`;--> statement-breakpoint
ALTER TABLE `__new_events` RENAME TO `events`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE INDEX `events_tenant` ON `events` (`tenant_id`,`id`);--> statement-breakpoint
CREATE INDEX `events_app` ON `events` (`app_id`,`id`);--> statement-breakpoint
CREATE INDEX `events_target` ON `events` (`target_type`,`target_value`,`id`);;--> statement-breakpoint
-- The rename carried the copied rows' largest id into sqlite_sequence; ids handed out for events since
-- pruned or reset away are above it, and must not be handed out again.
INSERT INTO sqlite_sequence (name, seq) SELECT 'events', 0 WHERE NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = 'events');--> statement-breakpoint
UPDATE sqlite_sequence SET seq = max(seq, coalesce((SELECT last FROM id_sequences WHERE name = 'events'), 0)) WHERE name = 'events';--> statement-breakpoint
DROP TABLE `id_sequences`;
