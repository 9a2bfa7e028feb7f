CREATE TABLE `agent_teams` (
	`agent_id` text NOT NULL,
	`team_id` text NOT NULL,
	PRIMARY KEY(`agent_id`, `team_id`),
	FOREIGN KEY (`agent_id`) REFERENCES `agents`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`team_id`) REFERENCES `teams`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `agent_teams_team_idx` ON `agent_teams` (`team_id`);--> statement-breakpoint
CREATE TABLE `agents` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`email` text NOT NULL,
	`password_hash` text NOT NULL,
	`role` text DEFAULT 'agent' NOT NULL,
	`max_concurrent` integer DEFAULT 3 NOT NULL,
	`status` text DEFAULT 'offline' NOT NULL,
	`disabled` integer DEFAULT false NOT NULL,
	`created_at` integer DEFAULT (CAST(unixepoch('subsecond') * 1000 AS INTEGER)) NOT NULL,
	`updated_at` integer DEFAULT (CAST(unixepoch('subsecond') * 1000 AS INTEGER)) NOT NULL,
	CONSTRAINT "agents_role_check" CHECK(role in ('agent', 'admin')),
	CONSTRAINT "agents_status_check" CHECK(status in ('online', 'away', 'offline')),
	CONSTRAINT "agents_max_concurrent_check" CHECK(max_concurrent >= 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `agents_email_unique` ON `agents` (`email`);--> statement-breakpoint
CREATE INDEX `agents_status_idx` ON `agents` (`status`);--> statement-breakpoint
CREATE TABLE `canned_responses` (
	`id` text PRIMARY KEY NOT NULL,
	`shortcut` text NOT NULL,
	`title` text NOT NULL,
	`body` text NOT NULL,
	`team` text,
	`created_at` integer DEFAULT (CAST(unixepoch('subsecond') * 1000 AS INTEGER)) NOT NULL,
	`updated_at` integer DEFAULT (CAST(unixepoch('subsecond') * 1000 AS INTEGER)) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `canned_responses_shortcut_unique` ON `canned_responses` (`shortcut`);--> statement-breakpoint
CREATE INDEX `canned_responses_team_idx` ON `canned_responses` (`team`);--> statement-breakpoint
CREATE TABLE `conversations` (
	`id` text PRIMARY KEY NOT NULL,
	`status` text DEFAULT 'bot' NOT NULL,
	`team` text,
	`customer_name` text,
	`customer_email` text,
	`customer_id` text,
	`customer_verified` integer DEFAULT false NOT NULL,
	`site` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`assigned_agent_id` text,
	`trigger` text,
	`summary` text,
	`sentiment` real,
	`last_message_preview` text,
	`escalated_at` integer,
	CONSTRAINT "conversations_status_check" CHECK(status in ('bot', 'queued', 'agent', 'closed'))
);
--> statement-breakpoint
CREATE INDEX `conversations_queue_idx` ON `conversations` (`status`,`team`,`updated_at`);--> statement-breakpoint
CREATE INDEX `conversations_agent_idx` ON `conversations` (`assigned_agent_id`,`status`,`updated_at`);--> statement-breakpoint
CREATE INDEX `conversations_updated_idx` ON `conversations` (`updated_at`);--> statement-breakpoint
CREATE INDEX `conversations_customer_email_idx` ON `conversations` (`customer_email`);--> statement-breakpoint
CREATE INDEX `conversations_customer_id_idx` ON `conversations` (`site`,`customer_id`);--> statement-breakpoint
CREATE TABLE `csat_ratings` (
	`id` text PRIMARY KEY NOT NULL,
	`conversation_id` text NOT NULL,
	`score` integer NOT NULL,
	`comment` text,
	`agent_id` text,
	`created_at` integer NOT NULL,
	CONSTRAINT "csat_score_check" CHECK(score between 1 and 5)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `csat_conversation_unique` ON `csat_ratings` (`conversation_id`);--> statement-breakpoint
CREATE INDEX `csat_agent_idx` ON `csat_ratings` (`agent_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `handoffs` (
	`id` text PRIMARY KEY NOT NULL,
	`conversation_id` text NOT NULL,
	`trigger` text NOT NULL,
	`reason` text,
	`team` text,
	`queued_at` integer NOT NULL,
	`claimed_at` integer,
	`resolved_at` integer,
	`escalated_at` integer,
	`agent_id` text,
	`outcome` text
);
--> statement-breakpoint
CREATE INDEX `handoffs_conversation_idx` ON `handoffs` (`conversation_id`,`queued_at`);--> statement-breakpoint
CREATE INDEX `handoffs_team_claimed_idx` ON `handoffs` (`team`,`claimed_at`);--> statement-breakpoint
CREATE INDEX `handoffs_queued_idx` ON `handoffs` (`queued_at`);--> statement-breakpoint
CREATE TABLE `kb_articles` (
	`id` text PRIMARY KEY NOT NULL,
	`title` text NOT NULL,
	`body` text NOT NULL,
	`tags` text DEFAULT '[]' NOT NULL,
	`url` text,
	`updated_at` integer DEFAULT (CAST(unixepoch('subsecond') * 1000 AS INTEGER)) NOT NULL
);
--> statement-breakpoint
CREATE INDEX `kb_articles_updated_idx` ON `kb_articles` (`updated_at`);--> statement-breakpoint
CREATE TABLE `login_attempts` (
	`email` text PRIMARY KEY NOT NULL,
	`window_start` integer NOT NULL,
	`failures` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE `sessions` (
	`id` text PRIMARY KEY NOT NULL,
	`agent_id` text NOT NULL,
	`csrf_token` text NOT NULL,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`revoked_at` integer,
	FOREIGN KEY (`agent_id`) REFERENCES `agents`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `sessions_agent_idx` ON `sessions` (`agent_id`);--> statement-breakpoint
CREATE INDEX `sessions_expires_idx` ON `sessions` (`expires_at`);--> statement-breakpoint
CREATE TABLE `settings` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL,
	`updated_at` integer DEFAULT (CAST(unixepoch('subsecond') * 1000 AS INTEGER)) NOT NULL
);
--> statement-breakpoint
CREATE TABLE `teams` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`sla_seconds` integer DEFAULT 300 NOT NULL,
	`business_hours` text,
	`expected_response` text DEFAULT 'within one business day' NOT NULL,
	`created_at` integer DEFAULT (CAST(unixepoch('subsecond') * 1000 AS INTEGER)) NOT NULL,
	`updated_at` integer DEFAULT (CAST(unixepoch('subsecond') * 1000 AS INTEGER)) NOT NULL
);
--> statement-breakpoint
CREATE TABLE `ticket_replies` (
	`id` text PRIMARY KEY NOT NULL,
	`ticket_id` text NOT NULL,
	`agent_id` text,
	`body` text NOT NULL,
	`created_at` integer NOT NULL,
	`delivered_at` integer,
	`emailed_at` integer,
	FOREIGN KEY (`ticket_id`) REFERENCES `tickets`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `ticket_replies_ticket_idx` ON `ticket_replies` (`ticket_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `tickets` (
	`id` text PRIMARY KEY NOT NULL,
	`conversation_id` text NOT NULL,
	`handoff_id` text NOT NULL,
	`contact_email` text NOT NULL,
	`contact_name` text,
	`order_number` text,
	`subject` text NOT NULL,
	`team` text,
	`context` text,
	`status` text DEFAULT 'open' NOT NULL,
	`priority` text DEFAULT 'normal' NOT NULL,
	`assignee_id` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`sla_due_at` integer,
	CONSTRAINT "tickets_status_check" CHECK(status in ('open', 'pending', 'solved', 'closed')),
	CONSTRAINT "tickets_priority_check" CHECK(priority in ('low', 'normal', 'high', 'urgent'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `tickets_handoff_unique` ON `tickets` (`handoff_id`);--> statement-breakpoint
CREATE INDEX `tickets_status_idx` ON `tickets` (`status`,`priority`,`updated_at`);--> statement-breakpoint
CREATE INDEX `tickets_assignee_idx` ON `tickets` (`assignee_id`,`status`);--> statement-breakpoint
CREATE INDEX `tickets_conversation_idx` ON `tickets` (`conversation_id`);--> statement-breakpoint
CREATE INDEX `tickets_team_idx` ON `tickets` (`team`,`status`);--> statement-breakpoint
CREATE TABLE `webhook_deliveries` (
	`id` text PRIMARY KEY NOT NULL,
	`webhook_id` text NOT NULL,
	`event` text NOT NULL,
	`payload` text NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` integer,
	`last_status_code` integer,
	`last_error` text,
	`created_at` integer NOT NULL,
	`delivered_at` integer,
	FOREIGN KEY (`webhook_id`) REFERENCES `webhooks`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `webhook_deliveries_webhook_idx` ON `webhook_deliveries` (`webhook_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `webhook_deliveries_due_idx` ON `webhook_deliveries` (`status`,`next_attempt_at`);--> statement-breakpoint
CREATE TABLE `webhooks` (
	`id` text PRIMARY KEY NOT NULL,
	`url` text NOT NULL,
	`events` text NOT NULL,
	`secret` text NOT NULL,
	`disabled` integer DEFAULT false NOT NULL,
	`created_at` integer NOT NULL
);
