import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { zipSync } from 'fflate';
import { PROJECT_ROOT, type Config } from '../config.js';
import type { KnowledgeBase } from '../knowledge/types.js';
import { UsageError } from './common.js';

const MANIFEST_DIR = join(PROJECT_ROOT, 'manifest');
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The publisher details Teams shows on the app's page, from APP_* configuration. */
export interface Publisher {
  name?: string;
  websiteUrl?: string;
  privacyUrl?: string;
  termsOfUseUrl?: string;
}

const PUBLISHER_VARIABLES: Record<keyof Publisher, keyof Config> = {
  name: 'APP_DEVELOPER_NAME',
  websiteUrl: 'APP_WEBSITE_URL',
  privacyUrl: 'APP_PRIVACY_URL',
  termsOfUseUrl: 'APP_TERMS_URL',
};

export function publisherFrom(config: Config): { publisher: Publisher; unset: string[] } {
  const publisher: Publisher = {};
  const unset: string[] = [];
  for (const [field, variable] of Object.entries(PUBLISHER_VARIABLES) as Array<[keyof Publisher, keyof Config]>) {
    const value = config[variable];
    if (typeof value === 'string') publisher[field] = value;
    else unset.push(variable);
  }
  return { publisher, unset };
}

/** The manifest with the bot id and publisher filled in, and validDomains from the packs' linked sites. */
export function buildManifest(botId: string, knowledge: KnowledgeBase, publisher: Publisher = {}): Record<string, unknown> {
  if (!GUID.test(botId)) throw new UsageError(`MicrosoftAppId: "${botId}" is not an app id (a GUID)`);
  const template = readFileSync(join(MANIFEST_DIR, 'manifest.json'), 'utf8').replaceAll('${{BOT_ID}}', botId);
  const manifest = JSON.parse(template) as Record<string, unknown>;
  manifest.developer = { ...(manifest.developer as Publisher), ...publisher };
  const urls = [...knowledge.packs.values()].flatMap((p) => [p.document.url, ...p.links.map((l) => l.url)]);
  const domains = new Set(urls.filter((u): u is string => Boolean(u?.startsWith('https:'))).map((u) => new URL(u).hostname));
  manifest.validDomains = [...domains].sort();
  return manifest;
}

/** The app package Teams admins upload: manifest.json and both icons at the zip's root. */
export function packageApp(botId: string, knowledge: KnowledgeBase, publisher: Publisher = {}): Uint8Array {
  const manifest = buildManifest(botId, knowledge, publisher);
  return zipSync({
    'manifest.json': new TextEncoder().encode(`${JSON.stringify(manifest, null, 2)}\n`),
    'color.png': readFileSync(join(MANIFEST_DIR, 'color.png')),
    'outline.png': readFileSync(join(MANIFEST_DIR, 'outline.png')),
  });
}
