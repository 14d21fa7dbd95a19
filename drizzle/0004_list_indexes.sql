DROP INDEX `apps_tenant`;--> statement-breakpoint
DROP INDEX `apps_cluster`;--> statement-breakpoint
CREATE INDEX `apps_tenant` ON `apps` (`tenant_id`,`created_at`,`name`);--> statement-breakpoint
CREATE INDEX `apps_cluster` ON `apps` (`cluster_id`,`created_at`,`name`);--> statement-breakpoint
CREATE INDEX `node_sizes_cluster` ON `node_sizes` (`cluster_id`);--> statement-breakpoint
CREATE INDEX `nodes_size` ON `nodes` (`size_id`);--> statement-breakpoint
CREATE INDEX `webhooks_cluster` ON `webhooks` (`cluster_id`);--> statement-breakpoint
CREATE INDEX `workload_files_secret` ON `workload_files` (`secret_id`);--> statement-breakpoint
CREATE INDEX `workload_files_config_file` ON `workload_files` (`config_file_id`);--> statement-breakpoint
CREATE INDEX `workload_mounts_volume` ON `workload_mounts` (`volume_id`);