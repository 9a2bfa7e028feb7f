CREATE TABLE `assist_suggestions` (
	`id` text PRIMARY KEY NOT NULL,
	`conversation_id` text NOT NULL,
	`agent_id` text NOT NULL,
	`grounded` integer NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `assist_suggestions_created_idx` ON `assist_suggestions` (`created_at`);--> statement-breakpoint
CREATE TABLE `draft_replies` (
	`id` text PRIMARY KEY NOT NULL,
	`conversation_id` text NOT NULL,
	`handoff_id` text,
	`agent_id` text NOT NULL,
	`edit_distance` integer NOT NULL,
	`draft_chars` integer NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `draft_replies_created_idx` ON `draft_replies` (`created_at`);--> statement-breakpoint
CREATE INDEX `draft_replies_handoff_idx` ON `draft_replies` (`handoff_id`);--> statement-breakpoint
CREATE TABLE `kb_drafts` (
	`id` text PRIMARY KEY NOT NULL,
	`title` text NOT NULL,
	`body` text NOT NULL,
	`tags` text NOT NULL,
	`conversation_id` text NOT NULL,
	`created_by` text NOT NULL,
	`created_at` integer NOT NULL,
	`published_article_id` text
);
--> statement-breakpoint
CREATE INDEX `kb_drafts_created_idx` ON `kb_drafts` (`created_at`);--> statement-breakpoint
CREATE TABLE `knowledge_gaps` (
	`handoff_id` text PRIMARY KEY NOT NULL,
	`conversation_id` text NOT NULL,
	`question` text NOT NULL,
	`trigger` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `knowledge_gaps_created_idx` ON `knowledge_gaps` (`created_at`);--> statement-breakpoint
CREATE INDEX `knowledge_gaps_conversation_idx` ON `knowledge_gaps` (`conversation_id`);