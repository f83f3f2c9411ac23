import { connect } from 'node:net';
import { gzipSync, deflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openIdStandIn, silentServer, type OpenIdStandIn } from './helpers/openid.js';
import { messageActivity, post, startServer, type RunningServer } from './helpers/server.js';

// Over real HTTP, the requests that once stopped or misled the server (issue 9). After each, the next
// ordinary question must still be answered.
const APP_ID = '00000000-0000-0000-0000-0000000000aa';
const json = { 'content-type': 'application/json' };

async function answered(server: RunningServer): Promise<void> {
  const res = await post(server.url, messageActivity('how do I increase a home care package'));
  expect(res.status).toBe(200);
  const { activities } = (await res.json()) as { activities: Array<{ type: string }> };
  expect(activities.map((a) => a.type)).toContain('message');
}

async function timed<T>(work: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const start = performance.now();
  const value = await work();
  return { value, ms: performance.now() - start };
}

const raw = (url: string, body: Buffer, headers: Record<string, string>) =>
  fetch(`${url}/api/messages`, { method: 'POST', headers, body: new Uint8Array(body) });

describe('bad requests, authentication off', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer({ REQUEST_TIMEOUT_MS: '2000', HEADERS_TIMEOUT_MS: '2000' });
  });
  afterAll(() => server.close());

  it.each([
    { name: 'a body that claims gzip and is not', body: Buffer.from('hello'), headers: { 'content-encoding': 'gzip' }, status: 400 },
    { name: 'a truncated gzip body', body: gzipSync(JSON.stringify(messageActivity('hi'))).subarray(0, 20), headers: { 'content-encoding': 'gzip' }, status: 400 },
    { name: 'a gzip bomb (100 KB that unpacks to 100 MB)', body: gzipSync(Buffer.alloc(100 * 1024 * 1024)), headers: { 'content-encoding': 'gzip' }, status: 413 },
    { name: 'a deflate bomb', body: deflateSync(Buffer.alloc(20 * 1024 * 1024)), headers: { 'content-encoding': 'deflate' }, status: 413 },
    { name: 'an encoding the server does not read', body: Buffer.from('{}'), headers: { 'content-encoding': 'br' }, status: 415 },
    { name: 'a body that is not JSON', body: Buffer.from('hello'), headers: { 'content-type': 'text/plain' }, status: 415 },
  ] as Array<{ name: string; body: Buffer; headers: Record<string, string>; status: number }>)(
    'answers $name with $status in under a second, then answers the next question',
    async ({ body, headers, status }) => {
      const { value: res, ms } = await timed(() => raw(server.url, body, { ...json, ...headers }));
      expect(res.status).toBe(status);
      expect(ms).toBeLessThan(1000);
      await answered(server);
    },
  );

  it('answers a well-formed gzip request like any other', async () => {
    const body = gzipSync(JSON.stringify(messageActivity('how do I reduce a home care package')));
    const res = await raw(server.url, body, { ...json, 'content-encoding': 'gzip' });
    expect(res.status).toBe(200);
  });

  it.each([
    ['file:', 'file:///etc/passwd'],
    ['javascript:', 'javascript:alert(1)'],
    ['a remote address while auth is off', 'https://attacker.example/'],
  ])('refuses a %s serviceUrl with 400, naming the field', async (_case, serviceUrl) => {
    const res = await post(server.url, messageActivity('hi', { serviceUrl }));
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: 'invalid activity', field: 'serviceUrl' });
    await answered(server);
  });

  it('answers normally when the tenant id is "__proto__" or "toString"', async () => {
    for (const id of ['__proto__', 'toString', 'constructor']) {
      const res = await post(server.url, messageActivity('how do I increase a home care package', { channelData: { tenant: { id } }, conversation: { id: `c-${id}`, tenantId: id, conversationType: 'personal' } }));
      expect(res.status, id).toBe(200);
    }
    await answered(server);
  });

  it('answers an adaptiveCard/action with an empty value with a 400 invoke, not an exception', async () => {
    const { value: res, ms } = await timed(() =>
      post(server.url, messageActivity('', { type: 'invoke', name: 'adaptiveCard/action', value: {}, text: undefined, deliveryMode: undefined })),
    );
    expect(res.status).toBe(400);
    expect(ms).toBeLessThan(1000);
    expect(server.logs.join('\n')).not.toContain('"event":"turn-error"');
    await answered(server);
  });

  it('puts security headers on every response', async () => {
    for (const res of [await fetch(`${server.url}/healthz`), await post(server.url, '{oops'), await fetch(`${server.url}/nowhere`)]) {
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
    }
  });

  it('closes a request that promises more body than it sends, within the request timeout', async () => {
    const url = new URL(server.url);
    const closedAfter = await new Promise<number>((resolve) => {
      const start = performance.now();
      const socket = connect(Number(url.port), url.hostname, () => {
        socket.write('POST /api/messages HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"type":');
      });
      socket.on('data', () => {});
      socket.on('close', () => resolve(performance.now() - start));
      socket.on('error', () => {});
    });
    expect(closedAfter).toBeLessThan(5000);
    await answered(server);
  });
});

describe('a conversation asking faster than the limit', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer({ RATE_LIMIT_PER_MINUTE: '3' });
  });
  afterAll(() => server.close());

  it('gets a short request to slow down, while other conversations are answered', async () => {
    const ask = (conversation: string) =>
      post(server.url, messageActivity('how do I increase a home care package', { conversation: { id: conversation, conversationType: 'personal' } }))
        .then((r) => r.json() as Promise<{ activities: Array<{ text?: string; attachments?: unknown[] }> }>);
    for (let i = 0; i < 3; i++) expect((await ask('busy')).activities.some((a) => a.attachments)).toBe(true);
    const limited = await ask('busy');
    expect(limited.activities.map((a) => a.text)).toContain("You're asking faster than I can keep up with. Please wait a minute, then ask again.");
    expect((await ask('quiet')).activities.some((a) => a.attachments)).toBe(true);
  });
});

describe('authentication on, before anything else', () => {
  let keys: OpenIdStandIn;
  let server: RunningServer;
  const serviceUrl = 'http://127.0.0.1:9/';
  beforeAll(async () => {
    keys = await openIdStandIn(APP_ID);
    server = await startServer({ MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'not-a-real-secret', BOT_OPENID_METADATA_URL: keys.url });
  });
  afterAll(async () => {
    await server.close();
    await keys.close();
  });

  it('answers a forged token with 401 whatever the body, and checks nothing about the body first', async () => {
    const forged = await keys.sign({ serviceurl: serviceUrl }, { key: 'other' });
    const headers = { ...json, authorization: `Bearer ${forged}` };
    for (const [body, extra] of [
      [Buffer.from('{oops'), {}],
      [Buffer.from('hello'), { 'content-encoding': 'gzip' }],
      [Buffer.from(JSON.stringify({ type: 'message' })), {}],
      [Buffer.alloc(300 * 1024, 32), {}],
    ] as Array<[Buffer, Record<string, string>]>) {
      const { value: res, ms } = await timed(() => raw(server.url, body, { ...headers, ...extra }));
      expect(res.status).toBe(401);
      expect(await res.json()).toEqual({ error: 'unauthorized' });
      expect(ms).toBeLessThan(6000);
    }
  });

  it.each([
    ['no token', undefined],
    ['a token that is not a JWT', 'Bearer not.a.token'],
    ['a token for another bot', 'other-audience'],
    ['a token from another issuer', 'other-issuer'],
  ])('answers %s with 401 and one log line without a stack', async (_case, kind) => {
    let authorization = kind;
    if (kind === 'other-audience') authorization = `Bearer ${await keys.sign({ serviceurl: serviceUrl }, { audience: 'someone-else' })}`;
    if (kind === 'other-issuer') authorization = `Bearer ${await keys.sign({ serviceurl: serviceUrl }, { issuer: 'https://evil.example' })}`;
    const before = server.logs.length;
    const res = await post(server.url, messageActivity('hi'), authorization ? { authorization } : {});
    expect(res.status).toBe(401);
    const lines = server.logs.slice(before);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('"event":"unauthorized"');
    expect(lines[0]).not.toContain('"stack"');
  });

  it('answers a channel token for another service URL with 401', async () => {
    const token = await keys.sign({ serviceurl: 'https://smba.trafficmanager.net/uk/' });
    const res = await post(server.url, messageActivity('hi'), { authorization: `Bearer ${token}` });
    expect(res.status).toBe(401);
  });

  it('answers a genuine channel request', async () => {
    const token = await keys.sign({ serviceurl: serviceUrl });
    const res = await post(server.url, messageActivity('how do I increase a home care package'), { authorization: `Bearer ${token}` });
    expect(res.status).toBe(200);
    const { activities } = (await res.json()) as { activities: Array<{ type: string }> };
    expect(activities.map((a) => a.type)).toContain('message');
  });
});

describe('authentication on, key service unreachable', () => {
  it.each([
    ['refusing connections', async () => ({ url: 'http://127.0.0.1:9/openid', close: async () => {} })],
    ['silent', silentServer],
  ])('answers 503 within 6 seconds when the key service is %s, and the next request the same', async (_case, make) => {
    const keyService = await make();
    const server = await startServer({
      MicrosoftAppId: APP_ID,
      MicrosoftAppPassword: 'not-a-real-secret',
      BOT_OPENID_METADATA_URL: keyService.url,
      AUTH_TIMEOUT_MS: '1500',
    });
    try {
      const keys = await openIdStandIn(APP_ID);
      const token = await keys.sign({ serviceurl: 'http://127.0.0.1:9/' });
      await keys.close();
      for (let i = 0; i < 2; i++) {
        const { value: res, ms } = await timed(() => post(server.url, messageActivity('hi'), { authorization: `Bearer ${token}` }));
        expect(res.status).toBe(503);
        expect(await res.json()).toEqual({ error: 'authentication service unavailable' });
        expect(ms).toBeLessThan(6000);
      }
    } finally {
      await server.close();
      await keyService.close();
    }
  });
});
