import { createServer, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messages } from '../src/messages.js';
import { cardProblems, cardText } from './helpers/cards.js';
import { connectorStandIn, type ConnectorStandIn } from './helpers/connector.js';
import { storeEngines, type OpenedStore, type StoreEngine } from './helpers/engines.js';
import { messageActivity, post, startServer, type RunningServer } from './helpers/server.js';

async function stillServes(server: RunningServer) {
  const health = await fetch(`${server.url}/healthz`);
  expect(health.status).toBe(200);
}

describe('the bot over HTTP, authentication off', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(() => server.close());

  it('reports the loaded packs and their versions on /healthz', async () => {
    const body = await (await fetch(`${server.url}/healthz`)).json();
    expect(body).toMatchObject({ status: 'ok', auth: false, store: 'up' });
    expect(body.packs).toContainEqual({ council: 'reading', name: 'Reading Borough Council', version: 'v55', updated: '2024-07-11', entries: 34 });
    expect(body.packs).toContainEqual(expect.objectContaining({ council: 'merton', version: 'v23' }));
  });

  it('answers a question with its card in the expectReplies response', async () => {
    const res = await post(server.url, messageActivity('how do I increase a home care package'));
    expect(res.status).toBe(200);
    const { activities } = (await res.json()) as { activities: Array<{ type: string; attachments?: Array<{ content: unknown }> }> };
    expect(activities.map((a) => a.type)).toEqual(['typing', 'message']);
    const card = activities[1]!.attachments![0]!.content;
    expect(cardProblems(card)).toEqual([]);
    expect(cardText(card)).toContain('Increasing a home care package');
    expect(cardText(card)).toContain('Conversation 3 (authorised)');
  });

  it('rejects a body over 256 KB with 413 and keeps serving', async () => {
    const res = await post(server.url, messageActivity('x'.repeat(300 * 1024)));
    expect(res.status).toBe(413);
    expect(await res.json()).toEqual({ error: 'request body too large' });
    await stillServes(server);
  });

  it('rejects malformed JSON with 400, without echoing the parser error', async () => {
    const res = await post(server.url, '{"type": "message", ');
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: 'bad request' });
    await stillServes(server);
  });

  it('rejects an activity without a type with 400 naming the field', async () => {
    const { type: _omit, ...untyped } = messageActivity('hello');
    const res = await post(server.url, untyped);
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: 'invalid activity', field: 'type' });
    await stillServes(server);
  });

  it.each([
    ['text as a number', { text: 42 }, 'text'],
    ['conversation as a string', { conversation: 'c1' }, 'conversation'],
    ['serviceUrl that is not a URL', { serviceUrl: 'not a url' }, 'serviceUrl'],
    ['from without an id', { from: { name: 'x' } }, 'from.id'],
    ['entities not a list', { entities: { type: 'mention' } }, 'entities'],
  ])('rejects an activity with %s with 400', async (_label, override, field) => {
    const res = await post(server.url, messageActivity('hello', override));
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: 'invalid activity', field });
    await stillServes(server);
  });

  it('rejects a JSON body that is not an object with 400', async () => {
    for (const body of ['[1,2]', '"text"', 'null']) expect((await post(server.url, body)).status).toBe(400);
    await stillServes(server);
  });
});

describe('the bot over HTTP, authentication on', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer({ MicrosoftAppId: '00000000-0000-0000-0000-000000000001', MicrosoftAppPassword: 'not-a-real-secret' });
  });
  afterAll(() => server.close());

  it('answers 401 to a request without a token, with a generic body', async () => {
    const res = await post(server.url, messageActivity('how do I increase a home care package'));
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ error: 'unauthorized' });
  });

  it('answers 401 to a request with a token that is not a valid JWT', async () => {
    const res = await post(server.url, messageActivity('hello'), { authorization: 'Bearer not.a.token' });
    expect(res.status).toBe(401);
    await stillServes(server);
  });

  it('answers a well-formed forged token with 401 or 503 (keys unreachable from here) within 6 s, never 500', async () => {
    const header = Buffer.from(JSON.stringify({ alg: 'RS256', kid: 'forged' })).toString('base64url');
    const payload = Buffer.from(JSON.stringify({ iss: 'https://api.botframework.com', aud: '00000000-0000-0000-0000-000000000001' })).toString('base64url');
    const start = performance.now();
    const res = await post(server.url, '{oops', { authorization: `Bearer ${header}.${payload}.c2lnbmF0dXJl` });
    expect([401, 503]).toContain(res.status);
    expect(performance.now() - start).toBeLessThan(6000);
  });

  it('says nothing about the body before the token is verified', async () => {
    expect((await post(server.url, '{oops')).status).toBe(401);
    expect((await post(server.url, messageActivity('x'.repeat(300 * 1024)))).status).toBe(401);
  });
});

describe('replies to an unreachable serviceUrl', () => {
  let server: RunningServer;
  let blackhole: Server;
  let blackholeUrl: string;
  beforeAll(async () => {
    server = await startServer({ REPLY_TIMEOUT_MS: '800' });
    // Accepts connections and never answers: a channel that has gone away without saying so.
    blackhole = createServer(() => undefined);
    await new Promise<void>((resolve) => blackhole.listen(0, '127.0.0.1', resolve));
    const address = blackhole.address() as { port: number };
    blackholeUrl = `http://127.0.0.1:${address.port}/`;
  });
  afterAll(async () => {
    await server.close();
    blackhole.close();
  });

  it('gives up within a few seconds, logs it, and serves the next request', async () => {
    const started = Date.now();
    const res = await post(server.url, messageActivity('how do I increase a home care package', { deliveryMode: undefined, serviceUrl: blackholeUrl }));
    const elapsed = Date.now() - started;
    expect(res.status).toBe(200);
    expect(elapsed).toBeLessThan(3000);
    expect(server.logs.join('\n')).toContain('"code":"reply-timeout"');
    expect(server.logs.join('\n')).not.toContain(messages.turnError);
    const next = await post(server.url, messageActivity('how do I increase a home care package'));
    expect(next.status).toBe(200);
  });
});

/**
 * The real server and a Bot Connector stand-in for its replies (normal delivery), for one describe block: on
 * the file's embedded store, or on a store of the engine given.
 */
function serverAndChannel(engine?: StoreEngine): { server: RunningServer; channel: ConnectorStandIn } {
  const live = {} as { server: RunningServer; channel: ConnectorStandIn; opened?: OpenedStore };
  beforeAll(async () => {
    live.opened = await engine?.open();
    live.server = await startServer({}, live.opened?.store);
    live.channel = await connectorStandIn();
  });
  afterAll(async () => {
    await live.server.close();
    await live.channel.close();
    await live.opened?.done();
  });
  return live;
}

describe('replies posted to a reachable channel', () => {
  const live = serverAndChannel();

  it('sends each conversation its own answer through the reused connector client', async () => {
    for (const id of ['conv-a', 'conv-b']) {
      const activity = messageActivity('how do I increase a home care package', {
        deliveryMode: undefined,
        serviceUrl: live.channel.url,
        conversation: { id, conversationType: 'personal' },
      });
      expect((await post(live.server.url, activity)).status).toBe(200);
    }
    const answers = live.channel.posted.filter((r) => r.activity.type === 'message');
    expect(answers.map((r) => r.path)).toEqual(['/v3/conversations/conv-a/activities/activity-1', '/v3/conversations/conv-b/activities/activity-1']);
    expect(answers.map((r) => r.activity.conversation?.id)).toEqual(['conv-a', 'conv-b']);
    expect(cardText(answers[1]!.activity.attachments![0]!.content)).toContain('Increasing a home care package');
  });
});

for (const engine of storeEngines) describe.skipIf(engine.skip)(`fields the bot reads or copies into its reply, of the wrong type, on ${engine.name}`, () => {
  const live = serverAndChannel(engine);

  // In normal delivery the reply is addressed from these fields; a wrong type once failed the turn there.
  const inChannel = (text: string, override: Record<string, unknown> = {}) => messageActivity(text, { deliveryMode: undefined, serviceUrl: live.channel.url, ...override });
  const group = { id: 'group-wrong-type', conversationType: 'groupChat', isGroup: true };

  it.each([
    ['from.aadObjectId', { from: { id: 'user-1', aadObjectId: 5 } }],
    ['from.name', { from: { id: 'user-1', name: 5 } }],
    ['recipient.name', { recipient: { id: 'bot-1', name: {} } }],
    ['conversation.isGroup', { conversation: { id: 'c-wrong', conversationType: 'personal', isGroup: 'yes' } }],
    ['conversation.tenantId', { conversation: { id: 'c-wrong', tenantId: 5 } }],
    // Sent back in a header with the reply.
    ['conversation.id', { conversation: { id: 'c-\u0000-wrong', conversationType: 'personal' } }],
    ['locale', { locale: 5 }],
    ['channelData.tenant.id', { channelData: { tenant: { id: 5 } } }],
    ['channelData.team', { channelData: { team: 'helpdesk' } }],
    ['entities.0.text', { conversation: group, entities: [{ type: 'mention', mentioned: { id: 'bot-1' }, text: 7 }] }],
    ['membersAdded.0.aadObjectId', { type: 'conversationUpdate', membersAdded: [{ id: 'bot-1', aadObjectId: 5 }] }],
  ])('answers %s of the wrong type with 400 naming it, never a failed turn', async (field, override) => {
    const res = await post(live.server.url, inChannel('how do I increase a home care package', override));
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: 'invalid activity', field });
    const before = live.channel.posted.length;
    expect((await post(live.server.url, inChannel('how do I increase a home care package'))).status).toBe(200);
    expect(live.channel.posted.slice(before).some((p) => p.activity.attachments?.length)).toBe(true);
    expect(live.server.logs.join('\n')).not.toContain('"event":"turn-error"');
  });

  it.each([
    ['an invoke it does not answer, without its value', { type: 'invoke', name: 'fileConsent/invoke', text: undefined }, 501],
    ['a message deleted, without channelData', { type: 'messageDelete', text: undefined }, 200],
    ['a mention of the bot in a message without text', { conversation: group, entities: [{ type: 'mention', mentioned: { id: 'bot-1' } }], text: undefined }, 200],
    ['a search whose parameters are not a list', { type: 'invoke', name: 'composeExtension/query', value: { commandId: 'searchProcedures', parameters: 1.5 } }, 400],
  ])('answers %s with %i, never a failed turn', async (_case, override, status) => {
    const res = await post(live.server.url, inChannel('how do I increase a home care package', override));
    expect(res.status).toBe(status);
    expect(live.server.logs.join('\n')).not.toContain('"event":"turn-error"');
  });

  it('answers with every field of the right type, as Teams sends them', async () => {
    const before = live.channel.posted.length;
    const res = await post(
      live.server.url,
      inChannel('<at>Procedures</at> how do I increase a home care package', {
        from: { id: 'user-1', name: 'Pat', aadObjectId: '00000000-0000-0000-0000-00000000000a', role: 'user' },
        conversation: { ...group, tenantId: 'tenant-1', name: 'Team chat' },
        locale: 'en-GB',
        entities: [{ type: 'mention', mentioned: { id: 'bot-1', name: 'Procedures' }, text: '<at>Procedures</at>' }],
        channelData: { tenant: { id: 'tenant-1' } },
      }),
    );
    expect(res.status).toBe(200);
    expect(live.channel.posted.slice(before).some((p) => p.activity.attachments?.length)).toBe(true);
    expect(live.server.logs.join('\n')).not.toContain('"event":"turn-error"');
  });
});

