import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { describe, expect, it } from 'vitest';
import { configSchema, loadConfig, PROJECT_ROOT } from '../src/config.js';
import { lintDockerfile, parseDockerfile } from './helpers/dockerfile-lint.js';

// What can be checked of the deployment on a machine without Docker or Azure: that each file parses, holds
// what the README promises, and agrees with the code (config variables, start command, health path).

const read = (path: string) => readFileSync(join(PROJECT_ROOT, path), 'utf8');
const configVariables = Object.keys(configSchema.shape);
const packageJson = JSON.parse(read('package.json')) as { scripts: Record<string, string> };
const DOCKER_RULES = { baseImage: 'node:20-slim', healthPath: '/healthz' };

/** KEY=value lines of an env file, comments dropped. */
function envFile(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of text.split('\n')) {
    const match = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(line.trim());
    if (match) out.set(match[1]!, match[2]!);
  }
  return out;
}

/** The Bicep file's parameters (with their decorators), resources and app settings, read line by line. */
function bicep(text: string) {
  const params = new Map<string, { type: string; hasDefault: boolean; decorators: string[] }>();
  let decorators: string[] = [];
  for (const line of text.split('\n').map((l) => l.trim())) {
    if (line.startsWith('@')) decorators.push(line);
    else if (line.startsWith('param ')) {
      const [, name, type, rest] = /^param\s+(\w+)\s+(\w+)(.*)$/.exec(line)!;
      params.set(name!, { type: type!, hasDefault: rest!.includes('='), decorators });
      decorators = [];
    } else if (line && !line.startsWith('//')) decorators = [];
  }
  const resources = [...text.matchAll(/^resource\s+(\w+)\s+'([^@']+)@[^']+'/gm)].map((m) => m[2]!);
  const appSettings = [...text.matchAll(/\{ name: '([^']+)', value:/g)].map((m) => m[1]!);
  return { params, resources, appSettings };
}

/** Brackets balance outside strings and comments: a cheap syntax check where the Bicep CLI cannot run. */
function unbalanced(text: string): string | undefined {
  const pairs: Record<string, string> = { '}': '{', ']': '[', ')': '(' };
  const stack: string[] = [];
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (inString) {
      if (ch === '\\') i++;
      else if (ch === "'") inString = false;
    } else if (ch === "'") inString = true;
    else if (ch === '/' && text[i + 1] === '/') i = text.indexOf('\n', i) === -1 ? text.length : text.indexOf('\n', i);
    else if ('{[('.includes(ch)) stack.push(ch);
    else if (ch in pairs && stack.pop() !== pairs[ch]) return `unexpected ${ch} at ${i}`;
  }
  if (inString) return 'unclosed string';
  return stack.length > 0 ? `unclosed ${stack.join('')}` : undefined;
}

describe('deployment as code', () => {
  it('.env.example names every configuration variable, and the bot starts on it as written', () => {
    const example = envFile(read('.env.example'));
    expect([...example.keys()].sort()).toEqual([...configVariables].sort());
    // Copied to .env unchanged, it is a valid configuration (empty means unset).
    expect(() => loadConfig(Object.fromEntries(example), '/nonexistent')).not.toThrow();
  });

  it('the Dockerfile passes the lint: multi-stage node:20-slim, non-root, HEALTHCHECK on /healthz, node as PID 1', () => {
    const text = read('Dockerfile');
    expect(lintDockerfile(text, DOCKER_RULES)).toEqual([]);
    // It runs what `npm start` runs, from what `npm run build` writes, and copies only files that exist.
    const cmd = JSON.parse(parseDockerfile(text).at(-1)!.instructions.find((i) => i.keyword === 'CMD')!.args) as string[];
    expect(packageJson.scripts.start).toContain(cmd.join(' '));
    for (const stage of parseDockerfile(text)) {
      for (const copy of stage.instructions.filter((i) => i.keyword === 'COPY' && !i.args.includes('--from'))) {
        for (const source of copy.args.split(/\s+/).slice(0, -1)) expect(existsSync(join(PROJECT_ROOT, source)), `COPY ${source}`).toBe(true);
      }
    }
    const ignored = read('.dockerignore').split('\n');
    for (const kept of ['node_modules', '.env', 'data', '.git']) expect(ignored).toContain(kept);
  });

  it('the lint catches a root, shell-form, single-stage image without a health check (the check can fail)', () => {
    const bad = 'FROM node:latest\nWORKDIR /app\nCOPY . .\nRUN npm install\nCMD npm start\n';
    const problems = lintDockerfile(bad, DOCKER_RULES);
    for (const expected of ['not multi-stage', 'expected node:20-slim', 'npm install', 'runs as root', 'shell form', 'no HEALTHCHECK', '--omit=dev']) {
      expect(problems.join('\n')).toContain(expected);
    }
    expect(lintDockerfile('FROM node:20-slim AS a\nFROM node:20-slim\nUSER node\nHEALTHCHECK CMD ["node","-e","1"]\nRUN npm ci --omit=dev\nCMD ["npm","start"]\n', DOCKER_RULES).join('\n')).toMatch(/not node/);
    expect(lintDockerfile('FROM node:20-slim AS a\nFROM node:20-slim\nUSER node\nHEALTHCHECK CMD ["node","-e","1"]\nRUN npm ci --omit=dev\nCMD ["node","x"]\n', DOCKER_RULES)).toEqual([
      'line 4: HEALTHCHECK does not ask /healthz',
    ]);
  });

  it('infra/azure.bicep declares the Azure Bot, App Service on Linux Node 20 with two or more instances, PostgreSQL and Application Insights', () => {
    const text = read('infra/azure.bicep');
    expect(unbalanced(text)).toBeUndefined();
    const { params, resources, appSettings } = bicep(text);
    for (const type of ['Microsoft.BotService/botServices', 'Microsoft.BotService/botServices/channels', 'Microsoft.Web/serverfarms', 'Microsoft.Web/sites', 'Microsoft.DBforPostgreSQL/flexibleServers', 'Microsoft.Insights/components']) {
      expect(resources).toContain(type);
    }
    expect(params.get('instanceCount')!.decorators).toContain('@minValue(2)');
    expect(text).toMatch(/capacity: instanceCount/);
    expect(text).toContain("linuxFxVersion: 'NODE|20-lts'");
    expect(text).toContain("healthCheckPath: '/healthz'");
    expect(text).toContain("channelName: 'MsTeamsChannel'");
    expect(params.get('postgresAdminPassword')!.decorators).toContain('@secure()');
    // Every setting it gives the bot is one the bot reads (the rest are App Service's own).
    const platform = ['WEBSITES_PORT', 'APPLICATIONINSIGHTS_CONNECTION_STRING', 'ApplicationInsightsAgent_EXTENSION_VERSION', 'SCM_DO_BUILD_DURING_DEPLOYMENT'];
    for (const name of appSettings.filter((n) => !platform.includes(n))) expect(configVariables, name).toContain(name);
    expect(appSettings).toEqual(expect.arrayContaining(['MicrosoftAppId', 'MicrosoftAppType', 'DATABASE_URL', 'NODE_ENV']));
    expect(unbalanced('resource a { properties: [ }')).toBeDefined();
  });

  it('the parameters file supplies every parameter without a default, and only declared ones', () => {
    const { params } = bicep(read('infra/azure.bicep'));
    const given = Object.keys((JSON.parse(read('infra/azure.parameters.json')) as { parameters: object }).parameters);
    for (const name of given) expect([...params.keys()], name).toContain(name);
    for (const [name, param] of params) if (!param.hasDefault) expect(given, name).toContain(name);
  });

  it('m365agents.yml provisions with the Bicep file, packages the manifest and deploys the built app', () => {
    const project = parseYaml(read('m365agents.yml')) as Record<string, Array<{ uses: string; with?: Record<string, unknown> }>> & { environmentFolderPath: string };
    expect(Object.keys(project)).toEqual(expect.arrayContaining(['provision', 'deploy', 'publish']));
    const steps = [...project.provision!, ...project.deploy!, ...project.publish!];
    expect(steps.map((s) => s.uses)).toEqual(expect.arrayContaining(['arm/deploy', 'teamsApp/zipAppPackage', 'azureAppService/zipDeploy']));
    // Every local file a step names exists.
    const paths = JSON.stringify(steps).match(/"\.\/[^"$]+"/g)!.map((p) => JSON.parse(p) as string);
    for (const path of paths.filter((p) => !p.startsWith('./build'))) expect(existsSync(join(PROJECT_ROOT, path)), path).toBe(true);
    // Every ${{VARIABLE}} it, the parameters or the manifest use is in the environment file or written by provision.
    const env = envFile(read(join(project.environmentFolderPath, '.env.dev')));
    const used = [read('m365agents.yml'), read('infra/azure.parameters.json'), read('manifest/manifest.json')].flatMap((t) => [...t.matchAll(/\$\{\{(\w+)\}\}/g)].map((m) => m[1]!));
    const secrets = used.filter((v) => v.startsWith('SECRET_'));
    for (const variable of used.filter((v) => !secrets.includes(v))) expect([...env.keys()], variable).toContain(variable);
    expect(read('.gitignore')).toContain('env/.env.*.user');
  });
});
