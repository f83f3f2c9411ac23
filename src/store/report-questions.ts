import { and, eq, sql, type SQL } from 'drizzle-orm';
import { normalise } from '../text/normalise.js';
import type { Report, ReportKnowledge } from './report.js';
import { questions } from './schema.js';
import type { Database } from './store.js';

/** Groups shown of each kind. */
export const TOP_GROUPS = 20;
/** Spellings grouped by the database before they are read: lower case, runs of anything but letters and
 * digits as one space. The meaning key (see ReportKnowledge) then merges what this leaves apart. */
const ROUGH_KEY = sql`trim(regexp_replace(lower(${questions.text}), '[^[:alnum:]]+', ' ', 'g'))`;
/** Groups read back, ahead of the final merge: many more than are shown, so a merge cannot change the top. */
const ROUGH_GROUPS = TOP_GROUPS * 10;

interface Group {
  council: string;
  count: number;
  text: string;
  most: number;
  notCovered: string | null;
  options: string | null;
}

/**
 * Questions of one status grouped by meaning: first by the database on their rough spelling (bounded by
 * ROUGH_GROUPS, however many rows), then by their words as the council reads them (typos, synonyms, stems,
 * order aside), most asked first. The spelling asked most often stands for its group.
 */
async function grouped(db: Database, inWindow: SQL, status: string, knowledge: ReportKnowledge): Promise<Group[]> {
  const rows = await db
    .select({
      council: questions.council,
      count: sql<number>`count(*)::int`,
      text: sql<string>`mode() within group (order by ${questions.text})`,
      notCovered: sql<string | null>`max(${questions.notCovered})`,
      options: sql<string | null>`mode() within group (order by ${questions.options}::text)`,
    })
    .from(questions)
    .where(and(inWindow, eq(questions.status, status)))
    .groupBy(questions.council, ROUGH_KEY)
    .orderBy(sql`2 desc`)
    .limit(ROUGH_GROUPS);
  const meaning = knowledge.meaningKey ?? ((text: string) => normalise(text));
  const groups = new Map<string, Group>();
  for (const row of rows) {
    const key = `${row.council}\u0000${meaning(row.text, row.council) || normalise(row.text)}`;
    const group = groups.get(key);
    if (!group) groups.set(key, { ...row, most: row.count });
    else {
      group.count += row.count;
      if (row.count > group.most) Object.assign(group, { text: row.text, most: row.count, options: row.options ?? group.options });
      group.notCovered ??= row.notCovered;
    }
  }
  return [...groups.values()].sort((a, b) => b.count - a.count).slice(0, TOP_GROUPS);
}

/** Unanswered questions by meaning, with the nearest entry only when it is near enough to be suggested. */
export async function topUnanswered(db: Database, inWindow: SQL, knowledge: ReportKnowledge): Promise<Report['topUnanswered']> {
  const nearest = knowledge.near ?? knowledge.closest;
  return (await grouped(db, inWindow, 'no_match', knowledge)).map(({ council, notCovered, count, text }) => {
    const closest = nearest(text, council) ?? null;
    return {
      council,
      text,
      count,
      closest,
      closestTitle: closest ? (knowledge.title(council, closest) ?? null) : null,
      notCovered: notCovered ? (knowledge.topic(council, notCovered) ?? notCovered) : null,
    };
  });
}

/** "Which one?" questions by meaning, with the entries offered (the most usual offer of the group). */
export async function clarifiedQuestions(db: Database, inWindow: SQL, knowledge: ReportKnowledge): Promise<Report['clarifiedQuestions']> {
  return (await grouped(db, inWindow, 'clarify', knowledge)).map(({ council, count, text, options }) => ({
    council,
    text,
    count,
    options: parseIds(options).map((id) => ({ id, title: knowledge.title(council, id) ?? id })),
  }));
}

function parseIds(json: string | null): string[] {
  if (!json) return [];
  try {
    const ids = JSON.parse(json) as unknown;
    return Array.isArray(ids) ? ids.filter((id): id is string => typeof id === 'string') : [];
  } catch {
    return [];
  }
}
