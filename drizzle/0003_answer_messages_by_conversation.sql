DROP INDEX "feedback_message";--> statement-breakpoint
ALTER TABLE "answer_messages" DROP CONSTRAINT "answer_messages_pkey";--> statement-breakpoint
ALTER TABLE "answer_messages" ADD CONSTRAINT "answer_messages_conversation_message" PRIMARY KEY("conversation","message_id");--> statement-breakpoint
ALTER TABLE "feedback" ADD COLUMN "conversation" text;--> statement-breakpoint
-- Written by hand: feedback kept before this migration names its message by id alone, which was then unique
-- in answer_messages; it takes that message's conversation, so the report keeps joining it.
UPDATE "feedback" SET "conversation" = "answer_messages"."conversation" FROM "answer_messages" WHERE "feedback"."conversation" IS NULL AND "answer_messages"."message_id" = "feedback"."message_id";--> statement-breakpoint
CREATE INDEX "feedback_message" ON "feedback" USING btree ("conversation","message_id");
