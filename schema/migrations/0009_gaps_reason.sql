ALTER TABLE `knowledge_gaps` ADD `id` text;--> statement-breakpoint
ALTER TABLE `knowledge_gaps` ADD `reason` text DEFAULT 'handoff' NOT NULL;