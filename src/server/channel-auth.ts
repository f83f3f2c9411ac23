import { createLocalJWKSet, decodeProtectedHeader, errors, jwtVerify, type JSONWebKeySet, type JWTPayload } from 'jose';

/** The Bot Framework's public-cloud values: where channel tokens come from and who signs them. */
export const BOT_FRAMEWORK = {
  openIdMetadataUrl: 'https://login.botframework.com/v1/.well-known/openidconfiguration',
  issuer: 'https://api.botframework.com',
  algorithms: ['RS256', 'RS384', 'RS512'],
  /** Clock skew the SDK allows between the channel and the bot. */
  clockToleranceSeconds: 300,
};

/** A token that cannot be verified (401), or a key service that cannot be reached (503). */
export class AuthError extends Error {
  override readonly name = 'AuthError';
  constructor(
    readonly status: 401 | 503,
    readonly reason: string,
  ) {
    super(reason);
  }
}

interface Keys {
  set: ReturnType<typeof createLocalJWKSet>;
  /** Key id → the channels the key is endorsed for (Bot Framework keys carry `endorsements`). */
  endorsements: Map<string, string[]>;
  fetchedAt: number;
}

export interface VerifiedToken {
  claims: JWTPayload & { serviceurl?: string };
  /** Channels the signing key is endorsed for. */
  endorsements: string[];
}

export interface TokenVerifierOptions {
  appId: string;
  openIdMetadataUrl?: string;
  /** How long one fetch of the metadata or the keys may take. */
  timeoutMs?: number;
  /** How long fetched keys are trusted before they are fetched again. */
  cacheMs?: number;
  /** An unknown key id sends for fresh keys at most this often. */
  refreshMs?: number;
}

/**
 * Verifies the Bearer token of a request from a Bot Framework channel before anything else about the request
 * is looked at: signature against the channel's published keys, issuer, audience (this bot's app id), expiry.
 * The SDK's own validation fetches the key metadata with no timeout (a silent socket held it over 15 s) and
 * throws errors that surface as 500; here every fetch has a timeout, keys are cached, and every failure is a
 * typed 401 or 503.
 */
export class TokenVerifier {
  private keys: Keys | undefined;
  private inFlight: Promise<Keys> | undefined;
  private readonly metadataUrl: string;
  private readonly timeoutMs: number;
  private readonly cacheMs: number;
  private readonly refreshMs: number;

  constructor(private readonly options: TokenVerifierOptions) {
    this.metadataUrl = options.openIdMetadataUrl ?? BOT_FRAMEWORK.openIdMetadataUrl;
    this.timeoutMs = options.timeoutMs ?? 5000;
    this.cacheMs = options.cacheMs ?? 24 * 60 * 60 * 1000;
    this.refreshMs = options.refreshMs ?? 5 * 60 * 1000;
  }

  async verify(authorization: string | undefined): Promise<VerifiedToken> {
    const match = /^Bearer ([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)$/.exec(authorization?.trim() ?? '');
    if (!match) throw new AuthError(401, 'missing or malformed bearer token');
    const token = match[1]!;
    let kid: string | undefined;
    try {
      kid = decodeProtectedHeader(token).kid;
    } catch {
      throw new AuthError(401, 'unreadable token header');
    }
    let keys = await this.currentKeys();
    if (kid && !keys.endorsements.has(kid) && Date.now() - keys.fetchedAt > this.refreshMs) keys = await this.currentKeys(true);
    try {
      const { payload } = await jwtVerify(token, keys.set, {
        issuer: BOT_FRAMEWORK.issuer,
        audience: this.options.appId,
        algorithms: BOT_FRAMEWORK.algorithms,
        clockTolerance: BOT_FRAMEWORK.clockToleranceSeconds,
      });
      return { claims: payload, endorsements: (kid && keys.endorsements.get(kid)) || [] };
    } catch (error) {
      const reason = error instanceof errors.JOSEError ? error.code : 'invalid token';
      throw new AuthError(401, reason);
    }
  }

  /** The cached keys, fetched when missing or stale; one fetch at a time. */
  private async currentKeys(force = false): Promise<Keys> {
    if (!force && this.keys && Date.now() - this.keys.fetchedAt < this.cacheMs) return this.keys;
    this.inFlight ??= this.fetchKeys().finally(() => {
      this.inFlight = undefined;
    });
    try {
      this.keys = await this.inFlight;
      return this.keys;
    } catch (error) {
      // Stale keys are better than none while the key service is down.
      if (this.keys) return this.keys;
      throw error;
    }
  }

  /** Metadata, then keys: both within one `timeoutMs`, so a request waits at most that long. */
  private async fetchKeys(): Promise<Keys> {
    const signal = AbortSignal.timeout(this.timeoutMs);
    const metadata = (await this.fetchJson(this.metadataUrl, signal)) as { jwks_uri?: unknown };
    if (typeof metadata.jwks_uri !== 'string') throw new AuthError(503, 'key metadata without jwks_uri');
    const jwks = (await this.fetchJson(metadata.jwks_uri, signal)) as JSONWebKeySet & { keys: Array<{ kid?: string; endorsements?: unknown }> };
    if (!Array.isArray(jwks.keys)) throw new AuthError(503, 'key set without keys');
    const endorsements = new Map<string, string[]>();
    for (const key of jwks.keys) {
      if (key.kid) endorsements.set(key.kid, Array.isArray(key.endorsements) ? key.endorsements.map(String) : []);
    }
    return { set: createLocalJWKSet(jwks), endorsements, fetchedAt: Date.now() };
  }

  private async fetchJson(url: string, signal: AbortSignal): Promise<unknown> {
    let response: Response;
    try {
      response = await fetch(url, { signal });
    } catch {
      throw new AuthError(503, 'key service unreachable');
    }
    if (!response.ok) throw new AuthError(503, `key service answered ${response.status}`);
    try {
      return await response.json();
    } catch {
      throw new AuthError(503, 'key service answered unreadable JSON');
    }
  }
}
