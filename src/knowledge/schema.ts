import { z } from 'zod';

// Strict objects everywhere: a misspelt field in a pack is an error, not a silently ignored key.
const text = z.string().trim().min(1);
const id = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be kebab-case (a-z, 0-9, -)');

export const packFileSchema = z.strictObject({
  council: id,
  name: text,
  document: z.strictObject({
    title: text,
    url: z.url().optional(),
    updated: z.iso.date(),
    version: text.optional(),
  }),
  askInstead: text,
  welcomeExamples: z.array(text).min(1).max(5),
});

export const linksFileSchema = z.strictObject({
  links: z.record(
    id,
    z.strictObject({
      title: text,
      // Only addresses known from the source; see ../shared/procedures/README.md.
      url: z.url({ protocol: /^(https|mailto)$/ }).optional(),
    }),
  ),
});

const slotSchema = z.strictObject({ id, label: text, terms: z.array(text).min(1) });

export const vocabularyFileSchema = z.strictObject({
  stopwords: z.array(text).optional(),
  synonyms: z.record(text, z.array(text).min(1)).optional(),
  typos: z.record(text, text).optional(),
  services: z.array(slotSchema).optional(),
  actions: z.array(slotSchema).optional(),
  /** Phrases after which a named service is the one not wanted ("a live-in carer instead of a care home"). */
  setAside: z.array(text).optional(),
});

const stepSchema = z.union([text, z.strictObject({ warning: text })]);

export const entrySchema = z.strictObject({
  id,
  title: text,
  services: z.array(id).min(1),
  actions: z.array(id).default([]),
  facts: z
    .strictObject({ workstep: text.optional(), nextStep: text.optional(), notes: text.optional() })
    .optional(),
  steps: z.array(stepSchema).min(1),
  examples: z.array(text).default([]),
  keywords: z.array(text).default([]),
  links: z.array(id).default([]),
  related: z.array(id).default([]),
  source: z.strictObject({
    section: text,
    document: text.optional(),
    updated: z.iso.date().optional(),
    version: text.optional(),
  }),
});

export const entriesFileSchema = z.strictObject({ entries: z.array(entrySchema).min(1) });

export type PackFile = z.infer<typeof packFileSchema>;
export type LinksFile = z.infer<typeof linksFileSchema>;
export type VocabularyFile = z.infer<typeof vocabularyFileSchema>;
export type EntryFile = z.infer<typeof entrySchema>;
export type Step = z.infer<typeof stepSchema>;
export type Slot = z.infer<typeof slotSchema>;
