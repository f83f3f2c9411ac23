import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

export const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** An empty variable (`COUNCIL=`) means unset, as in a shell. */
const unsetIfEmpty = <S extends z.ZodType>(schema: S) =>
  z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), schema);

const optionalText = unsetIfEmpty(z.string().trim().optional());

const httpsUrl = z.url({ protocol: /^https$/, error: 'expected an https:// address' });

/** `tenant-id=council,tenant-id=council` → map. One deployment can serve several councils' tenants. A Map,
 * not an object: a tenant id of "__proto__" or "toString" must find nothing. */
const tenantMap = z
  .string()
  .trim()
  .default('')
  .transform((value, ctx) => {
    const map = new Map<string, string>();
    for (const pair of value.split(',').filter((p) => p.trim())) {
      const [tenant, council] = pair.split('=').map((s) => s.trim());
      if (!tenant || !council) {
        ctx.addIssue({ code: 'custom', message: `expected tenantId=council pairs separated by commas, got "${pair}"` });
        return z.NEVER;
      }
      map.set(tenant, council);
    }
    return map;
  });

/**
 * `council=value` pairs, comma separated, a bare value standing for every council: the shape shared by the
 * per-council helpdesk settings. `parse` reads one value; undefined refuses the pair with `expected`.
 */
function councilPairs<T>(expected: string, parse: (value: string) => T | undefined, bare: boolean) {
  return z
    .string()
    .trim()
    .default('')
    .transform((value, ctx) => {
      const pairs: Array<{ council: string | undefined; value: T }> = [];
      for (const pair of value.split(',').filter((p) => p.trim())) {
        const at = pair.indexOf('=');
        const council = at < 0 ? undefined : pair.slice(0, at).trim();
        const parsed = parse(pair.slice(at + 1).trim());
        if ((council === undefined && !bare) || council === '' || parsed === undefined) {
          ctx.addIssue({ code: 'custom', message: `expected ${expected} separated by commas, got "${pair}"` });
          return z.NEVER;
        }
        pairs.push({ council, value: parsed });
      }
      return pairs;
    });
}

/** `council=teamId` or `council=teamId/channelId`, comma separated: each council's helpdesk team. */
const helpdeskMap = councilPairs(
  'council=teamId or council=teamId/channelId pairs',
  (value) => {
    const [teamId, channelId] = value.split('/').map((s) => s.trim());
    return teamId ? { teamId, ...(channelId ? { channelId } : {}) } : undefined;
  },
  false,
).transform((pairs) => new Map(pairs.map((p) => [p.council!, p.value])));

/** Microsoft Entra object ids, comma separated, each `council=id` or a bare id for every council. */
const approverList = councilPairs('object ids or council=objectId pairs', (value) => (/^[\w-]+$/.test(value) ? value : undefined), true);

export const configSchema = z.object({
  PORT: unsetIfEmpty(z.coerce.number().int().min(0).max(65535).default(3978)),
  HOST: optionalText,
  MicrosoftAppId: optionalText,
  MicrosoftAppPassword: optionalText,
  MicrosoftAppType: unsetIfEmpty(z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).default('MultiTenant')),
  MicrosoftAppTenantId: optionalText,
  COUNCIL: unsetIfEmpty(z.string().trim().default('reading')),
  TENANT_COUNCILS: tenantMap,
  KNOWLEDGE_DIR: unsetIfEmpty(z.string().trim().default(join(PROJECT_ROOT, 'knowledge'))),
  LOG_LEVEL: unsetIfEmpty(z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info')),
  NODE_ENV: unsetIfEmpty(z.string().trim().default('development')),
  // The Teams app's publisher details, written into the manifest by `npm run package`, which Teams shows on
  // the app's page. The privacy notice and terms have no default: packaging refuses without them, since no
  // council page stands in for the deploying council's own privacy notice.
  APP_DEVELOPER_NAME: optionalText,
  APP_WEBSITE_URL: unsetIfEmpty(httpsUrl.optional()),
  PRIVACY_URL: unsetIfEmpty(httpsUrl.optional()),
  TERMS_URL: unsetIfEmpty(httpsUrl.optional()),
  /** How long an outgoing reply may wait on the channel before giving up. */
  REPLY_TIMEOUT_MS: unsetIfEmpty(z.coerce.number().int().min(100).max(60_000).default(5000)),
  /** With auth off, replies may go to a non-loopback serviceUrl (a dev tunnel): off by default. */
  ALLOW_REMOTE_SERVICE_URL: unsetIfEmpty(z.stringbool().default(false)),
  /** Where the channel's token-signing keys are published (the public Bot Framework cloud by default). */
  BOT_OPENID_METADATA_URL: unsetIfEmpty(z.url({ protocol: /^https?$/ }).optional()),
  /** How long one fetch of those keys may take. */
  AUTH_TIMEOUT_MS: unsetIfEmpty(z.coerce.number().int().min(100).max(30_000).default(5000)),
  /** Server limits (see README, Security and operations). */
  HEADERS_TIMEOUT_MS: unsetIfEmpty(z.coerce.number().int().min(1000).max(120_000).default(10_000)),
  REQUEST_TIMEOUT_MS: unsetIfEmpty(z.coerce.number().int().min(1000).max(300_000).default(15_000)),
  KEEP_ALIVE_TIMEOUT_MS: unsetIfEmpty(z.coerce.number().int().min(1000).max(300_000).default(5000)),
  MAX_CONNECTIONS: unsetIfEmpty(z.coerce.number().int().min(1).max(100_000).default(1024)),
  /** The embedded store's folder (PGlite), used when DATABASE_URL is unset. One process per folder. */
  DATA_DIR: unsetIfEmpty(z.string().trim().default(join(PROJECT_ROOT, 'data'))),
  /** postgres://user@host:port/database: PostgreSQL, shared by every instance of the bot. */
  DATABASE_URL: optionalText,
  /** Questions, answers and feedback older than this many days are deleted (at start and daily). */
  RETENTION_DAYS: unsetIfEmpty(z.coerce.number().int().min(1).max(3650).default(90)),
  /** The Teams team whose channel receives questions the bot could not answer (see README, Helpdesk). */
  HELPDESK_TEAM_ID: optionalText,
  /** That team's channel; its General channel (whose id is the team's) when unset. */
  HELPDESK_CHANNEL_ID: optionalText,
  /** Per council, where one deployment serves several: `reading=teamId,merton=teamId/channelId`. */
  HELPDESK_TEAMS: helpdeskMap,
  /** Helpdesk leads, who approve, edit and retire the bot's helpdesk answers: Microsoft Entra object ids,
   * `id,id` for every council or `reading=id,merton=id` per council (see README, For the helpdesk). */
  HELPDESK_APPROVERS: approverList,
  /** How often each instance reads the approved helpdesk answers from the store. */
  HELPDESK_ANSWERS_REFRESH_MS: unsetIfEmpty(z.coerce.number().int().min(50).max(30_000).default(15_000)),
  /** Questions one conversation may ask per minute before the bot asks it to slow down. */
  RATE_LIMIT_PER_MINUTE: unsetIfEmpty(z.coerce.number().int().min(1).max(10_000).default(30)),
});

export type Config = z.infer<typeof configSchema>;

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(message);
  }
}

/** Reads `.env` when present (real environment variables win), then validates. Throws naming the variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, envFile = join(PROJECT_ROOT, '.env')): Config {
  if (env === process.env && existsSync(envFile)) process.loadEnvFile(envFile);
  const result = configSchema.safeParse(env);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const variable = String(issue.path[0] ?? 'environment');
    throw new ConfigError(variable, `invalid configuration: ${variable}: ${issue.message}`);
  }
  const config = result.data;
  if (config.MicrosoftAppType === 'SingleTenant' && config.MicrosoftAppId && !config.MicrosoftAppTenantId) {
    throw new ConfigError('MicrosoftAppTenantId', 'invalid configuration: MicrosoftAppTenantId: required when MicrosoftAppType is SingleTenant');
  }
  return config;
}

export interface HelpdeskTarget {
  teamId: string;
  /** Where questions are posted: a channel of that team. */
  channelId: string;
}

/** Each council's helpdesk: its own entry in HELPDESK_TEAMS, else HELPDESK_TEAM_ID; none when neither is set. */
export function helpdeskTargets(config: Config, councils: readonly string[]): Map<string, HelpdeskTarget> {
  const targets = new Map<string, HelpdeskTarget>();
  for (const council of councils) {
    const own = config.HELPDESK_TEAMS.get(council);
    if (own) targets.set(council, { teamId: own.teamId, channelId: own.channelId ?? own.teamId });
    else if (config.HELPDESK_TEAM_ID) targets.set(council, { teamId: config.HELPDESK_TEAM_ID, channelId: config.HELPDESK_CHANNEL_ID ?? config.HELPDESK_TEAM_ID });
  }
  return targets;
}

/** Each council's helpdesk leads (object ids): its own pairs in HELPDESK_APPROVERS and the bare ids. */
export function helpdeskApprovers(config: Config, councils: readonly string[]): Map<string, ReadonlySet<string>> {
  return new Map(
    councils.map((council) => [council, new Set(config.HELPDESK_APPROVERS.filter((a) => a.council === undefined || a.council === council).map((a) => a.value))]),
  );
}

/** Addresses that only this machine can reach. */
export function isLoopback(host: string): boolean {
  const h = host.trim().toLowerCase().replace(/^\[|\]$/g, '');
  return h === 'localhost' || h === '::1' || /^127(\.\d{1,3}){3}$/.test(h);
}

/** The server, unlike the CLI, must not run unauthenticated in production nor anywhere a network reaches. */
export function assertServable(config: Config): void {
  if (config.NODE_ENV.toLowerCase() === 'production' && !config.MicrosoftAppId) {
    throw new ConfigError(
      'MicrosoftAppId',
      'invalid configuration: MicrosoftAppId: required when NODE_ENV is production (the bot will not run without authentication)',
    );
  }
  if (config.HOST && !isLoopback(config.HOST) && !config.MicrosoftAppId) {
    throw new ConfigError(
      'HOST',
      `invalid configuration: HOST: "${config.HOST}" is not a loopback address, and without MicrosoftAppId authentication is off (set MicrosoftAppId, or listen on 127.0.0.1)`,
    );
  }
}
