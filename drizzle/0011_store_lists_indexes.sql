CREATE INDEX `app_profiles_copied_from` ON `app_profiles` (`copied_from`,`copy_type`);--> statement-breakpoint
CREATE INDEX `app_profiles_archived` ON `app_profiles` (`archived_at`);