import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { zipSync } from 'fflate';
import { PROJECT_ROOT, type Config } from '../config.js';
import type { KnowledgeBase } from '../knowledge/types.js';
import { UsageError } from './common.js';

const MANIFEST_DIR = join(PROJECT_ROOT, 'manifest');
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The publisher details Teams shows on the app's page, from configuration. */
export interface Publisher {
  name?: string;
  websiteUrl?: string;
  privacyUrl: string;
  termsOfUseUrl: string;
}

/**
 * The publisher from configuration. PRIVACY_URL and TERMS_URL are required (a Teams app must link its own
 * privacy notice and terms); name and website fall back to the template's.
 */
export function publisherFrom(config: Config): Publisher {
  const missing = (['PRIVACY_URL', 'TERMS_URL'] as const).filter((v) => !config[v]);
  if (missing.length > 0) {
    throw new UsageError(`${missing.join(', ')}: set to the https address of your council's privacy notice and terms of use for this app`);
  }
  return {
    ...(config.APP_DEVELOPER_NAME ? { name: config.APP_DEVELOPER_NAME } : {}),
    ...(config.APP_WEBSITE_URL ? { websiteUrl: config.APP_WEBSITE_URL } : {}),
    privacyUrl: config.PRIVACY_URL!,
    termsOfUseUrl: config.TERMS_URL!,
  };
}

/** The manifest with the bot id (bot and message extension) and publisher filled in, and validDomains from the packs' linked sites. */
export function buildManifest(botId: string, knowledge: KnowledgeBase, publisher: Publisher): Record<string, unknown> {
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
export function packageApp(botId: string, knowledge: KnowledgeBase, publisher: Publisher): Uint8Array {
  const manifest = buildManifest(botId, knowledge, publisher);
  return zipSync({
    'manifest.json': new TextEncoder().encode(`${JSON.stringify(manifest, null, 2)}\n`),
    'color.png': readFileSync(join(MANIFEST_DIR, 'color.png')),
    'outline.png': readFileSync(join(MANIFEST_DIR, 'outline.png')),
  });
}
