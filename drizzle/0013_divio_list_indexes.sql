CREATE INDEX `environments_app_position` ON `environments` (`app_id`,`position`,`created_at`);--> statement-breakpoint
CREATE INDEX `deployments_started` ON `deployments` (`started_at`);