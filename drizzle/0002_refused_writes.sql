CREATE TABLE "refused_writes" (
	"id" uuid PRIMARY KEY NOT NULL,
	"refused_at" timestamp with time zone DEFAULT now() NOT NULL,
	"table_name" text NOT NULL,
	"code" text NOT NULL
);
--> statement-breakpoint
CREATE INDEX "refused_writes_refused_at" ON "refused_writes" USING btree ("refused_at");