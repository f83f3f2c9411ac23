import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Ajv } from 'ajv';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../src/config.js';
import { buildManifest } from '../src/cli/app-package.js';
import { loadKnowledge } from '../src/knowledge/load.js';
import { SEARCH_COMMAND, SEARCH_PARAMETER } from '../src/bot/procedure-search.js';
import { KNOWLEDGE_DIR, realEngine } from './helpers/knowledge.js';
import { runScript } from './helpers/run-script.js';

const require = createRequire(import.meta.url);
// ajv-formats is CommonJS with a default export; require() sidesteps NodeNext's interop typing.
const addFormats = require('ajv-formats') as (ajv: Ajv) => Ajv;
const BOT_ID = '11111111-2222-3333-4444-555555555555';
const PUBLISHER = { privacyUrl: 'https://example.gov.uk/privacy', termsOfUseUrl: 'https://example.gov.uk/terms' };
const PUBLISHER_ENV = { PRIVACY_URL: PUBLISHER.privacyUrl, TERMS_URL: PUBLISHER.termsOfUseUrl };
const SCHEMAS = join(dirname(require.resolve('@microsoft/app-manifest/package.json')), 'build', 'json-schemas', 'teams');

/** The newest numbered manifest schema the package bundles (v1.30 today; vDevPreview is not one). */
function newestBundledVersion(): string {
  const versions = readdirSync(SCHEMAS).flatMap((d) => (/^v1\.\d+$/.test(d) ? [d.slice(1)] : []));
  return versions.sort((a, b) => Number(a.split('.')[1]) - Number(b.split('.')[1])).at(-1)!;
}

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
  const manifest = buildManifest(BOT_ID, loadKnowledge(KNOWLEDGE_DIR), PUBLISHER);

  it('is the newest manifest version whose schema is bundled, and passes that schema', () => {
    expect(manifest.manifestVersion).toBe(newestBundledVersion());
    expect(Number(String(manifest.manifestVersion).split('.')[1])).toBeGreaterThanOrEqual(27);
    expect(String(manifest.$schema)).toContain(`/v${newestBundledVersion()}/`);
    expect(validate(manifest)).toEqual([]);
  });

  it('offers prompt starters in the personal chat and the commands in team and group chats', () => {
    type Command = { title: string; type?: string; prompt?: string };
    const [bot] = manifest.bots as Array<{ botId: string; scopes: string[]; commandLists: Array<{ scopes: string[]; commands: Command[] }> }>;
    expect(bot!.botId).toBe(BOT_ID);
    expect(manifest.id).toBe(BOT_ID);
    expect(bot!.scopes.sort()).toEqual(['copilot', 'groupChat', 'personal', 'team']);
    const personal = bot!.commandLists.find((l) => l.scopes.includes('personal'))!;
    const starters = personal.commands.filter((c) => c.type === 'prompt');
    expect(starters.length).toBeGreaterThanOrEqual(3);
    // Each starter, sent as typed, gets an answer from the real engine rather than "not found".
    const group = bot!.commandLists.find((l) => l.scopes.includes('groupChat'))!;
    const commands = group.commands.map((c) => c.title);
    const engine = realEngine();
    for (const starter of starters.filter((s) => !commands.includes(s.prompt!))) {
      expect(engine.ask(starter.prompt!, 'reading').status, starter.prompt).toBe('answered');
    }
    expect(group.scopes.sort()).toEqual(['groupChat', 'team']);
    expect(group.commands.map((c) => c.title)).toEqual(['help', 'topics', 'tour', 'council']);
    expect(manifest.validDomains).toEqual(['mertonadults.trixonline.co.uk', 'readingadults.trixonline.co.uk', 'www.merton.gov.uk', 'www.reading.gov.uk']);
  });

  it('offers the bot in Microsoft 365 Copilot as a custom engine agent, as the schema requires it', () => {
    const [bot] = manifest.bots as Array<{ botId: string; scopes: string[]; commandLists: Array<{ scopes: string[] }> }>;
    const agents = (manifest.copilotAgents as { customEngineAgents: Array<{ id: string; type: string; disclaimer?: { text: string } }> }).customEngineAgents;
    // One agent, the bot itself, which must also be offered in personal chat; its prompt starters show there too.
    expect(agents).toEqual([expect.objectContaining({ id: BOT_ID, type: 'bot' })]);
    expect(bot!.scopes).toEqual(expect.arrayContaining(['personal', 'copilot']));
    expect(bot!.commandLists.find((l) => l.scopes.includes('personal'))!.scopes).toContain('copilot');
    const { name, description } = manifest as { name: { short: string }; description: { short: string } };
    expect(name.short.length).toBeGreaterThan(0);
    expect(description.short.length).toBeGreaterThan(0);
    expect(agents[0]!.disclaimer!.text).toContain('personal details');
    // The check can fail: an agent of a kind the schema does not know is refused.
    const elsewhere = { ...manifest, copilotAgents: { customEngineAgents: [{ id: BOT_ID, type: 'agent' }] } };
    expect(validate(elsewhere)).not.toEqual([]);
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
    const run = runScript('src/cli/package-app.ts', ['--out', out], { env: { MicrosoftAppId: BOT_ID, ...PUBLISHER_ENV } });
    expect(run.code, run.stderr).toBe(0);
    const files = unzipSync(readFileSync(out));
    expect(Object.keys(files).sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);
    const packaged = JSON.parse(new TextDecoder().decode(files['manifest.json']));
    expect(validate(packaged)).toEqual([]);
    expect(packaged.bots[0].botId).toBe(BOT_ID);
  });

  it('offers a search message extension run by the bot, for the compose box and the command box', () => {
    const [extension] = manifest.composeExtensions as Array<{ botId: string; commands: Array<{ id: string; type: string; context: string[]; parameters: Array<{ name: string }> }> }>;
    expect(extension!.botId).toBe(BOT_ID);
    const [command] = extension!.commands;
    expect(command).toMatchObject({ id: SEARCH_COMMAND, type: 'query' });
    expect(command!.context).toContain('compose');
    expect(command!.parameters.map((p) => p.name)).toEqual([SEARCH_PARAMETER]);
  });

  it('fills the publisher details from configuration', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'package-')), 'app.zip');
    const env = { MicrosoftAppId: BOT_ID, APP_DEVELOPER_NAME: 'Example Council', ...PUBLISHER_ENV };
    const run = runScript('src/cli/package-app.ts', ['--out', out], { env });
    expect(run.code, run.stderr).toBe(0);
    const packaged = JSON.parse(new TextDecoder().decode(unzipSync(readFileSync(out))['manifest.json']));
    expect(packaged.developer).toMatchObject({ name: 'Example Council', privacyUrl: PUBLISHER.privacyUrl, termsOfUseUrl: PUBLISHER.termsOfUseUrl });
    expect(validate(packaged)).toEqual([]);
  });

  it('refuses to package without a privacy notice and terms, naming both variables', () => {
    const run = runScript('src/cli/package-app.ts', [], { env: { MicrosoftAppId: BOT_ID, PRIVACY_URL: '', TERMS_URL: '' } });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('PRIVACY_URL, TERMS_URL');
  });

  it('refuses a publisher address that is not https, naming the variable', () => {
    const run = runScript('src/cli/package-app.ts', [], { env: { MicrosoftAppId: BOT_ID, ...PUBLISHER_ENV, PRIVACY_URL: 'http://example.gov.uk/privacy' } });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('expected an https:// address');
    expect(run.stderr).toContain('PRIVACY_URL');
  });

  it('refuses to package without a bot id, naming the variable', () => {
    const run = runScript('src/cli/package-app.ts', [], { env: { MicrosoftAppId: '' } });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('MicrosoftAppId');
  });
});
