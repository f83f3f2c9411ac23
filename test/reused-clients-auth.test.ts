import type { Activity } from 'botbuilder';
import { describe, expect, it } from 'vitest';
import { ReusedClientsAuthentication } from '../src/server/reused-clients-auth.js';

const activity = (serviceUrl: string) => ({ type: 'message', channelId: 'msteams', serviceUrl }) as Activity;

async function connectorFor(auth: ReusedClientsAuthentication, serviceUrl: string) {
  const result = await auth.authenticateRequest(activity(serviceUrl), '');
  return result.connectorFactory!.create(serviceUrl, result.audience);
}

describe('connector clients across turns', () => {
  it('reuses one client for turns from the same service URL and builds another for a new one', async () => {
    const auth = new ReusedClientsAuthentication({}, false);
    const first = await connectorFor(auth, 'https://smba.trafficmanager.net/uk/');
    const second = await connectorFor(auth, 'https://smba.trafficmanager.net/uk/');
    const elsewhere = await connectorFor(auth, 'https://smba.trafficmanager.net/emea/');
    expect(second).toBe(first);
    expect(elsewhere).not.toBe(first);
  });

  it('reuses the user token client for the same app', async () => {
    const auth = new ReusedClientsAuthentication({}, false);
    const { claimsIdentity } = await auth.authenticateRequest(activity('https://smba.trafficmanager.net/uk/'), '');
    expect(await auth.createUserTokenClient(claimsIdentity)).toBe(await auth.createUserTokenClient(claimsIdentity));
  });

  it('with credentials, refuses an activity whose request token the server has not verified', async () => {
    const auth = new ReusedClientsAuthentication({ MicrosoftAppId: '00000000-0000-0000-0000-000000000001', MicrosoftAppPassword: 'x' }, true);
    await expect(auth.authenticateRequest(activity('https://smba.trafficmanager.net/uk/'), 'Bearer a.b.c')).rejects.toMatchObject({ status: 401 });
  });

  it('with credentials, answers a verified activity as the channel: claims kept, replies to the channel audience', async () => {
    const auth = new ReusedClientsAuthentication({ MicrosoftAppId: '00000000-0000-0000-0000-000000000001', MicrosoftAppPassword: 'x' }, true);
    const verified = activity('https://smba.trafficmanager.net/uk/');
    auth.trust(verified, { claims: { aud: '00000000-0000-0000-0000-000000000001', serviceurl: verified.serviceUrl }, endorsements: ['msteams'] });
    const result = await auth.authenticateRequest(verified, 'Bearer a.b.c');
    expect(result.audience).toBe('https://api.botframework.com');
    expect(result.claimsIdentity.getClaimValue('aud')).toBe('00000000-0000-0000-0000-000000000001');
    expect(result.connectorFactory).toBeDefined();
  });
});
