/** How much use to make up for the report: questions by status, thumbs up and down on the answered ones. */
export interface ReportSeed {
  answered: number;
  clarified: number;
  unanswered: number;
  /** Thumbs-down on the first answered questions, then thumbs up on the next ones. */
  disliked: number;
  liked: number;
  /** The first thumbs-down carry a comment. */
  commented: number;
  /** Seconds between one question and the next, three to a step (ties the CSV's pages must break by id). */
  stepSeconds: number;
  /** SQL giving the text of unanswered question `i`. */
  unansweredText: string;
}

const uuid = (i: string) => `('00000000-0000-4000-8000-' || lpad(to_hex(${i}), 12, '0'))::uuid`;
const askedAt = (i: string, step: number) => `now() - interval '1 hour' - make_interval(secs => (${i} / 3) * ${step} + 0.123456)`;

/** Rows made by one statement: each stays well inside the store's 5 s query timeout. */
const CHUNK = 50_000;

/** `make(from, to)` for each chunk of 1..count. */
function chunks(count: number, make: (from: number, to: number) => string): string[] {
  const out: string[] = [];
  for (let from = 1; from <= count; from += CHUNK) out.push(make(from, Math.min(count, from + CHUNK - 1)));
  return out;
}

/**
 * The statements that make it, run by the database itself (generate_series): a million rows in seconds, the
 * same on PostgreSQL and PGlite. Feedback is kept as a press that could not learn its entry in time keeps it
 * (message and conversation only), so the report must join every one to its answer.
 */
export function reportSeedSql(seed: ReportSeed): string[] {
  const { answered, clarified, unanswered, disliked, liked, commented, stepSeconds: step } = seed;
  return [
    ...chunks(
      answered,
      (from, to) => `INSERT INTO questions (id, asked_at, council, scope, status, entry_id, confidence, text, conversation)
     SELECT ${uuid('i')}, ${askedAt('i', step)}, 'reading', 'personal', 'answered', 'home-care-increase', 0.9,
            'how do I increase a home care package', 'conversation-' || (i % 997)
     FROM generate_series(${from}, ${to}) AS i`,
    ),
    ...chunks(
      clarified,
      (from, to) => `INSERT INTO questions (id, asked_at, council, scope, status, confidence, text, conversation)
     SELECT gen_random_uuid(), ${askedAt('i', step)}, 'reading', 'personal', 'clarify', 0.5, 'how do I increase a package', 'c'
     FROM generate_series(${from}, ${to}) AS i`,
    ),
    ...chunks(
      unanswered,
      (from, to) => `INSERT INTO questions (id, asked_at, council, scope, status, confidence, text, conversation)
     SELECT gen_random_uuid(), ${askedAt('i', step)}, 'reading', 'personal', 'no_match', 0.1, ${seed.unansweredText}, 'c'
     FROM generate_series(${from}, ${to}) AS i`,
    ),
    ...chunks(
      answered,
      (from, to) => `INSERT INTO answer_messages (message_id, question_id, council, entry_id, conversation, sent_at)
     SELECT 'message-' || i, ${uuid('i')}, 'reading', 'home-care-increase', 'conversation-' || (i % 997), ${askedAt('i', step)}
     FROM generate_series(${from}, ${to}) AS i`,
    ),
    ...chunks(
      disliked + liked,
      (from, to) => `INSERT INTO feedback (id, given_at, reaction, comment, message_id, conversation)
     SELECT gen_random_uuid(), ${askedAt('i', step)} + interval '1 minute', CASE WHEN i <= ${disliked} THEN 'dislike' ELSE 'like' END,
            CASE WHEN i <= ${commented} THEN 'comment ' || i END, 'message-' || i, 'conversation-' || (i % 997)
     FROM generate_series(${from}, ${to}) AS i`,
    ),
  ];
}
