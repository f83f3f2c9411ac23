CREATE TABLE "answer_messages" (
	"message_id" text PRIMARY KEY NOT NULL,
	"question_id" uuid,
	"council" text NOT NULL,
	"entry_id" text NOT NULL,
	"conversation" text NOT NULL,
	"sent_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "conversations" (
	"conversation" text PRIMARY KEY NOT NULL,
	"council" text,
	"welcomed" boolean DEFAULT false NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "feedback" (
	"id" uuid PRIMARY KEY NOT NULL,
	"given_at" timestamp with time zone DEFAULT now() NOT NULL,
	"reaction" text NOT NULL,
	"comment" text,
	"message_id" text,
	"council" text,
	"entry_id" text,
	"question_id" uuid
);
--> statement-breakpoint
CREATE TABLE "questions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"asked_at" timestamp with time zone DEFAULT now() NOT NULL,
	"council" text NOT NULL,
	"scope" text NOT NULL,
	"status" text NOT NULL,
	"reason" text,
	"entry_id" text,
	"confidence" real NOT NULL,
	"passage" text,
	"not_covered" text,
	"text" text NOT NULL,
	"conversation" text NOT NULL
);
--> statement-breakpoint
CREATE INDEX "answer_messages_sent_at" ON "answer_messages" USING btree ("sent_at");--> statement-breakpoint
CREATE INDEX "answer_messages_conversation" ON "answer_messages" USING btree ("conversation","sent_at");--> statement-breakpoint
CREATE INDEX "feedback_given_at" ON "feedback" USING btree ("given_at");--> statement-breakpoint
CREATE INDEX "feedback_message" ON "feedback" USING btree ("message_id");--> statement-breakpoint
CREATE INDEX "questions_asked_at" ON "questions" USING btree ("asked_at");--> statement-breakpoint
CREATE INDEX "questions_council_status" ON "questions" USING btree ("council","status");