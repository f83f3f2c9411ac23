import type { ConnectorStandIn } from './connector.js';

let turn = 0;

/** A message as Teams delivers it to the bot: normal delivery, replies POSTed to the connector stand-in. */
export function teamsActivity(channel: ConnectorStandIn, fields: Record<string, unknown>, tenant = 'tenant-1') {
  return {
    type: 'message',
    id: `incoming-${++turn}`,
    channelId: 'msteams',
    serviceUrl: channel.url,
    conversation: { id: 'practitioner-chat', conversationType: 'personal', tenantId: tenant },
    from: { id: 'user-1', name: 'Pat Practitioner' },
    recipient: { id: 'bot-1', name: 'Procedures' },
    channelData: { tenant: { id: tenant } },
    ...fields,
  };
}

/** POSTs an activity to a running bot, as the channel does; the body is parsed when there is one. */
export async function postActivity(botUrl: string, body: object): Promise<{ status: number; body: unknown }> {
  const res = await fetch(`${botUrl}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}
