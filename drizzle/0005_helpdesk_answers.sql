CREATE TABLE "helpdesk_answers" (
	"id" uuid PRIMARY KEY NOT NULL,
	"council" text NOT NULL,
	"status" text NOT NULL,
	"question" text NOT NULL,
	"wordings" jsonb NOT NULL,
	"answer" text NOT NULL,
	"entry_id" text,
	"escalation_id" uuid,
	"proposed_by" text NOT NULL,
	"proposed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"approved_by" text,
	"approved_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "answer_messages" ADD COLUMN "helpdesk_answer_id" uuid;--> statement-breakpoint
ALTER TABLE "questions" ADD COLUMN "options" jsonb;--> statement-breakpoint
ALTER TABLE "questions" ADD COLUMN "helpdesk_answer_id" uuid;--> statement-breakpoint
CREATE INDEX "helpdesk_answers_council_status" ON "helpdesk_answers" USING btree ("council","status");