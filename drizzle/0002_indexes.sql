CREATE INDEX `app_grants_user` ON `app_grants` (`user_id`);--> statement-breakpoint
CREATE INDEX `apps_created` ON `apps` (`created_at`,`name`);--> statement-breakpoint
CREATE INDEX `apps_cluster_created` ON `apps` (`cluster_id`,`created_at`,`name`);--> statement-breakpoint
CREATE INDEX `apps_owner` ON `apps` (`owner_id`);--> statement-breakpoint
CREATE INDEX `apps_tenant` ON `apps` (`tenant_id`);--> statement-breakpoint
CREATE INDEX `domains_app` ON `domains` (`app_id`);--> statement-breakpoint
CREATE INDEX `processes_release` ON `processes` (`release_id`);--> statement-breakpoint
CREATE INDEX `releases_build` ON `releases` (`build_id`);--> statement-breakpoint
CREATE INDEX `releases_config` ON `releases` (`config_id`);--> statement-breakpoint
CREATE INDEX `users_tenant` ON `users` (`tenant_id`);--> statement-breakpoint
CREATE INDEX `node_sizes_cluster` ON `node_sizes` (`cluster_id`);--> statement-breakpoint
CREATE INDEX `nodes_size` ON `nodes` (`size_id`);--> statement-breakpoint
CREATE INDEX `nodes_pending_size` ON `nodes` (`pending_size_id`);--> statement-breakpoint
CREATE INDEX `webhooks_cluster` ON `webhooks` (`cluster_id`);--> statement-breakpoint
CREATE INDEX `workload_files_secret` ON `workload_files` (`secret_id`);--> statement-breakpoint
CREATE INDEX `workload_files_config_file` ON `workload_files` (`config_file_id`);--> statement-breakpoint
CREATE INDEX `workload_mounts_volume` ON `workload_mounts` (`volume_id`);