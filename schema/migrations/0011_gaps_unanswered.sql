PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_knowledge_gaps` (
	`id` text PRIMARY KEY DEFAULT (lower(hex(randomblob(16)))) NOT NULL,
	`handoff_id` text,
	`conversation_id` text NOT NULL,
	`question` text NOT NULL,
	`trigger` text NOT NULL,
	`reason` text DEFAULT 'handoff' NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
INSERT INTO `__new_knowledge_gaps`("id", "handoff_id", "conversation_id", "question", "trigger", "reason", "created_at") SELECT "id", "handoff_id", "conversation_id", "question", "trigger", "reason", "created_at" FROM `knowledge_gaps`;--> statement-breakpoint
DROP TABLE `knowledge_gaps`;--> statement-breakpoint
ALTER TABLE `__new_knowledge_gaps` RENAME TO `knowledge_gaps`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE INDEX `knowledge_gaps_created_idx` ON `knowledge_gaps` (`created_at`);--> statement-breakpoint
CREATE INDEX `knowledge_gaps_conversation_idx` ON `knowledge_gaps` (`conversation_id`);