ALTER TABLE `teams` ADD `expected_response_amount` integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE `teams` ADD `expected_response_unit` text DEFAULT 'business_day' NOT NULL;--> statement-breakpoint
ALTER TABLE `teams` ADD `language_window_seconds` integer DEFAULT 60 NOT NULL;