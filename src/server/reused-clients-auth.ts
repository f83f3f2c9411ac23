import { type Activity, CallerIdConstants, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import {
  AuthenticationConstants,
  type AuthenticateRequestResult,
  ClaimsIdentity,
  type ConnectorClient,
  ConnectorFactory,
  type UserTokenClient,
} from 'botframework-connector';
import { AuthError, type VerifiedToken } from './channel-auth.js';
import { BoundedMap } from '../bot/bounded-map.js';

// In local (unauthenticated) mode serviceUrl is whatever the caller sends, so the caches are bounded.
const MAX_CONNECTORS = 64;
const MAX_TOKEN_CLIENTS = 16;

/** Caches promised clients; a rejected one is forgotten so the next turn tries again. */
function memo<T>(cache: Map<string, Promise<T>>, key: string, make: () => Promise<T>): Promise<T> {
  let client = cache.get(key);
  if (!client) {
    client = make();
    cache.set(key, client);
    client.catch(() => cache.get(key) === client && cache.delete(key));
  }
  return client;
}

class ReusingConnectorFactory extends ConnectorFactory {
  constructor(
    private readonly inner: ConnectorFactory,
    private readonly appId: string,
    private readonly cache: Map<string, Promise<ConnectorClient>>,
  ) {
    super();
  }

  create(serviceUrl: string, audience?: string): Promise<ConnectorClient> {
    return memo(this.cache, `${this.appId}\n${serviceUrl}\n${audience ?? ''}`, () => this.inner.create(serviceUrl, audience));
  }
}

/**
 * CloudAdapter asks for a new ConnectorClient and UserTokenClient on every turn, and each builds a fresh
 * Azure HTTP pipeline and credentials object: about a tenth of a turn's CPU under load (measured with
 * --cpu-prof during `npm run bench:http`). Clients hold no per-turn state, and reusing them also reuses
 * the credentials' token cache; the SDK's older BotFrameworkAdapter cached them the same way, keyed by
 * app id, service URL and scope. Authentication itself is untouched: every request is still validated.
 */
export class ReusedClientsAuthentication extends ConfigurationBotFrameworkAuthentication {
  private readonly connectors = new BoundedMap<string, Promise<ConnectorClient>>(MAX_CONNECTORS);
  private readonly tokenClients = new BoundedMap<string, Promise<UserTokenClient>>(MAX_TOKEN_CLIENTS);
  /** Activities whose request token the server has already verified (see TokenVerifier). */
  private readonly verified = new WeakMap<Activity, VerifiedToken>();

  /**
   * @param authEnabled With an app id, every activity must have been verified by the server first: the SDK's
   *   own token validation (no timeout on its key fetch, 500 on a bad token) is never reached.
   */
  constructor(
    options: ConstructorParameters<typeof ConfigurationBotFrameworkAuthentication>[0],
    private readonly authEnabled: boolean,
  ) {
    super(options);
  }

  /** Records that the request carrying this activity had a valid channel token. */
  trust(activity: Activity, token: VerifiedToken): void {
    this.verified.set(activity, token);
  }

  override async authenticateRequest(activity: Activity, authHeader: string): Promise<AuthenticateRequestResult> {
    if (!this.authEnabled) return this.reusing(await super.authenticateRequest(activity, authHeader));
    const token = this.verified.get(activity);
    if (!token) throw new AuthError(401, 'activity not verified');
    const claims = Object.entries(token.claims).map(([type, value]) => ({ type, value: String(value) }));
    const claimsIdentity = new ClaimsIdentity(claims, 'Bearer');
    return {
      audience: AuthenticationConstants.ToChannelFromBotOAuthScope,
      callerId: CallerIdConstants.PublicAzureChannel,
      claimsIdentity,
      connectorFactory: this.createConnectorFactory(claimsIdentity),
    };
  }

  override async authenticateStreamingRequest(authHeader: string, channelIdHeader: string): Promise<AuthenticateRequestResult> {
    return this.reusing(await super.authenticateStreamingRequest(authHeader, channelIdHeader));
  }

  override createConnectorFactory(claimsIdentity: ClaimsIdentity): ConnectorFactory {
    return this.reusingFactory(claimsIdentity, super.createConnectorFactory(claimsIdentity));
  }

  override createUserTokenClient(claimsIdentity: ClaimsIdentity): Promise<UserTokenClient> {
    return memo(this.tokenClients, appIdOf(claimsIdentity), () => super.createUserTokenClient(claimsIdentity));
  }

  private reusing(result: AuthenticateRequestResult): AuthenticateRequestResult {
    if (!result.connectorFactory) return result;
    return { ...result, connectorFactory: this.reusingFactory(result.claimsIdentity, result.connectorFactory) };
  }

  private reusingFactory(claimsIdentity: ClaimsIdentity, factory: ConnectorFactory): ConnectorFactory {
    return new ReusingConnectorFactory(factory, appIdOf(claimsIdentity), this.connectors);
  }
}

// The app id the SDK builds clients for: the audience claim for channel requests, the appid claim for
// the Emulator, none when auth is off (ParameterizedBotFrameworkAuthentication's getAppId).
function appIdOf(claimsIdentity: ClaimsIdentity): string {
  return (
    claimsIdentity.getClaimValue(AuthenticationConstants.AudienceClaim) ??
    claimsIdentity.getClaimValue(AuthenticationConstants.AppIdClaim) ??
    ''
  );
}
