-- Every app gets its name as a workload of its cluster (a MedStack service's name), unique per cluster.
-- SQLite adds a NOT NULL column only with a default; the default is never used after this file: every
-- existing app keeps its name as its service name, and the core always writes the column.
ALTER TABLE `apps` ADD `service_name` text NOT NULL DEFAULT '';--> statement-breakpoint
UPDATE `apps` SET `service_name` = `name`;--> statement-breakpoint
CREATE UNIQUE INDEX `apps_cluster_service_name` ON `apps` (`cluster_id`,`service_name`);
