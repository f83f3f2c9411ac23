DROP INDEX "questions_asked_at";--> statement-breakpoint
CREATE INDEX "questions_asked_at" ON "questions" USING btree ("asked_at","id");