ALTER TABLE "conversations" ADD COLUMN "tour" uuid;--> statement-breakpoint
ALTER TABLE "conversations" ADD COLUMN "tour_message" text;