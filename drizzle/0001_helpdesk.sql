CREATE TABLE "escalations" (
	"id" uuid PRIMARY KEY NOT NULL,
	"opened_at" timestamp with time zone DEFAULT now() NOT NULL,
	"council" text NOT NULL,
	"status" text NOT NULL,
	"question" text NOT NULL,
	"detail" text,
	"bot_status" text NOT NULL,
	"entry_id" text,
	"question_id" uuid,
	"reply_to" jsonb NOT NULL,
	"card_message_id" text,
	"posted_at" timestamp with time zone,
	"taken_at" timestamp with time zone,
	"answered_at" timestamp with time zone,
	"answer" text
);
--> statement-breakpoint
CREATE TABLE "helpdesk_channels" (
	"team_id" text PRIMARY KEY NOT NULL,
	"channel" jsonb NOT NULL,
	"seen_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "answer_messages" ALTER COLUMN "entry_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "answer_messages" ADD COLUMN "escalation_id" uuid;--> statement-breakpoint
CREATE INDEX "escalations_opened_at" ON "escalations" USING btree ("opened_at");