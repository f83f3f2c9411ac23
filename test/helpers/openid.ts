import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type JWTPayload } from 'jose';

export interface OpenIdStandIn {
  /** The metadata address to configure as BOT_OPENID_METADATA_URL. */
  url: string;
  /** A token signed by the published key (or by `key: 'other'`, a key nobody published). */
  sign(claims: JWTPayload, options?: { key?: 'published' | 'other'; issuer?: string; audience?: string }): Promise<string>;
  close(): Promise<void>;
}

/**
 * Stands in for login.botframework.com on loopback: OpenID metadata and a key set with one RS256 key
 * endorsed for msteams, as the Bot Framework publishes them. Tokens it signs are what a channel would send.
 */
export async function openIdStandIn(appId: string): Promise<OpenIdStandIn> {
  const published = await generateKeyPair('RS256');
  const other = await generateKeyPair('RS256');
  const jwk = { ...(await exportJWK(published.publicKey)), kid: 'test-key', use: 'sig', endorsements: ['msteams'] };
  let base = '';
  const server: Server = createServer((req, res) => {
    res.setHeader('content-type', 'application/json');
    if (req.url === '/openid') res.end(JSON.stringify({ issuer: 'https://api.botframework.com', jwks_uri: `${base}/keys` }));
    else if (req.url === '/keys') res.end(JSON.stringify({ keys: [jwk] }));
    else {
      res.statusCode = 404;
      res.end('{}');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: `${base}/openid`,
    sign: (claims, options = {}) =>
      new SignJWT(claims)
        .setProtectedHeader({ alg: 'RS256', kid: 'test-key' })
        .setIssuer(options.issuer ?? 'https://api.botframework.com')
        .setAudience(options.audience ?? appId)
        .setIssuedAt()
        .setExpirationTime('10m')
        .sign(options.key === 'other' ? other.privateKey : published.privateKey),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** A server that accepts connections and never answers: a key service gone silent. */
export async function silentServer(): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer(() => {});
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/openid`;
  return {
    url,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
