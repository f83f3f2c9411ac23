import { mkdtempSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../src/config.js';
import { buildManifest } from '../src/cli/app-package.js';
import { loadKnowledge } from '../src/knowledge/load.js';
import { KNOWLEDGE_DIR } from './helpers/knowledge.js';
import { runScript } from './helpers/run-script.js';

const require = createRequire(import.meta.url);
// ajv-formats is CommonJS with a default export; require() sidesteps NodeNext's interop typing.
const addFormats = require('ajv-formats') as (ajv: Ajv) => Ajv;
const BOT_ID = '11111111-2222-3333-4444-555555555555';

/** The official Teams manifest schema that @microsoft/app-manifest bundles, for the manifest's version. */
function validate(manifest: Record<string, unknown>): string[] {
  const version = String(manifest.manifestVersion);
  const schemaPath = require.resolve(`@microsoft/app-manifest/build/json-schemas/teams/v${version}/MicrosoftTeams.schema.json`);
  const schema = JSON.parse(readFileSync(schemaPath, 'utf8'));
  delete schema.$schema;
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  const ok = ajv.validate(schema, manifest);
  return ok ? [] : (ajv.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
}

function pngSize(bytes: Uint8Array): { width: number; height: number; colourType: number } {
  const view = Buffer.from(bytes);
  expect(view.subarray(1, 4).toString()).toBe('PNG');
  return { width: view.readUInt32BE(16), height: view.readUInt32BE(20), colourType: view[25]! };
}

describe('the Teams app package', () => {
  const manifest = buildManifest(BOT_ID, loadKnowledge(KNOWLEDGE_DIR));

  it('passes the official manifest schema, version 1.24 or newer', () => {
    expect(Number(String(manifest.manifestVersion).split('.')[1])).toBeGreaterThanOrEqual(24);
    expect(validate(manifest)).toEqual([]);
  });

  it('offers the bot in personal, team and group chat scopes with its commands listed', () => {
    const [bot] = manifest.bots as Array<{ botId: string; scopes: string[]; commandLists: Array<{ commands: Array<{ title: string }> }> }>;
    expect(bot!.botId).toBe(BOT_ID);
    expect(manifest.id).toBe(BOT_ID);
    expect(bot!.scopes.sort()).toEqual(['groupChat', 'personal', 'team']);
    expect(bot!.commandLists[0]!.commands.map((c) => c.title)).toEqual(['help', 'topics', 'council']);
    expect(manifest.validDomains).toEqual(['mertonadults.trixonline.co.uk', 'readingadults.trixonline.co.uk', 'www.merton.gov.uk', 'www.reading.gov.uk']);
  });

  it('fails the schema when a required field is missing (the check can fail)', () => {
    const { name: _name, ...broken } = manifest;
    expect(validate(broken)).not.toEqual([]);
  });

  it('has a 192x192 colour icon and a 32x32 outline icon with transparency', () => {
    expect(pngSize(readFileSync(join(PROJECT_ROOT, 'manifest', 'color.png')))).toMatchObject({ width: 192, height: 192 });
    expect(pngSize(readFileSync(join(PROJECT_ROOT, 'manifest', 'outline.png')))).toEqual({ width: 32, height: 32, colourType: 6 });
  });

  it('npm run package writes a zip with manifest.json and both icons at its root', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'package-')), 'app.zip');
    const run = runScript('src/cli/package-app.ts', ['--out', out], { env: { MicrosoftAppId: BOT_ID } });
    expect(run.code, run.stderr).toBe(0);
    const files = unzipSync(readFileSync(out));
    expect(Object.keys(files).sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);
    const packaged = JSON.parse(new TextDecoder().decode(files['manifest.json']));
    expect(validate(packaged)).toEqual([]);
    expect(packaged.bots[0].botId).toBe(BOT_ID);
  });

  it('fills the publisher details from APP_* settings, and warns while any is a placeholder', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'package-')), 'app.zip');
    const env = { MicrosoftAppId: BOT_ID, APP_DEVELOPER_NAME: 'Example Council', APP_PRIVACY_URL: 'https://example.gov.uk/privacy' };
    const run = runScript('src/cli/package-app.ts', ['--out', out], { env });
    expect(run.code, run.stderr).toBe(0);
    const packaged = JSON.parse(new TextDecoder().decode(unzipSync(readFileSync(out))['manifest.json']));
    expect(packaged.developer).toMatchObject({ name: 'Example Council', privacyUrl: 'https://example.gov.uk/privacy' });
    expect(validate(packaged)).toEqual([]);
    expect(run.stderr).toContain('warning: APP_WEBSITE_URL, APP_TERMS_URL not set');
  });

  it('refuses a publisher address that is not https, naming the variable', () => {
    const run = runScript('src/cli/package-app.ts', [], { env: { MicrosoftAppId: BOT_ID, APP_PRIVACY_URL: 'http://example.gov.uk/privacy' } });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('expected an https:// address');
    expect(run.stderr).toContain('APP_PRIVACY_URL');
  });

  it('refuses to package without a bot id, naming the variable', () => {
    const run = runScript('src/cli/package-app.ts', [], { env: { MicrosoftAppId: '' } });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('MicrosoftAppId');
  });
});
