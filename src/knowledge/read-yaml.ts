import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse } from 'yaml';
import type { z } from 'zod';
import { KnowledgeError, formatPath } from './errors.js';

/** The file name as a maintainer would type it: relative to where the command runs. */
export function displayPath(file: string): string {
  return relative(process.cwd(), file) || file;
}

/** Reads one YAML file and validates it, or throws a KnowledgeError naming the file and field. */
export function readYaml<S extends z.ZodType>(file: string, schema: S): z.output<S> {
  let raw: string;
  try {
    raw = readFileSync(file, 'utf8');
  } catch {
    throw new KnowledgeError('not-found', `${displayPath(file)}: cannot read the file`);
  }
  let data: unknown;
  try {
    data = parse(raw, { prettyErrors: true, uniqueKeys: true });
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : 'invalid YAML';
    throw new KnowledgeError('yaml', `${displayPath(file)}: invalid YAML: ${reason}`);
  }
  const result = schema.safeParse(data);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const where = formatPath(issue.path);
    throw new KnowledgeError('schema', `${displayPath(file)}: ${where ? `${where}: ` : ''}${issue.message}`);
  }
  return result.data;
}

/** Every `*.yaml` file of a folder, in name order, each read and validated; an absent folder has none.
 * `name` is the file name without `.yaml`. */
export function readYamlFolder<S extends z.ZodType>(dir: string, schema: S): Array<{ name: string; file: z.output<S> }> {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((f) => ({ name: f.replace(/\.yaml$/, ''), file: readYaml(join(dir, f), schema) }));
}
