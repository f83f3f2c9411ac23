import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildReport } from '../src/store/report.js';
import { answerMessages, questions } from '../src/store/schema.js';
import { conversationKey } from '../src/store/store.js';
import { connectorStandIn, type ConnectorStandIn } from './helpers/connector.js';
import { storeEngines, type OpenedStore } from './helpers/engines.js';
import { realEngine } from './helpers/knowledge.js';
import { messageActivity, post, startServer, type RunningServer } from './helpers/server.js';
import { postActivity, teamsActivity } from './helpers/teams-activity.js';

const engine = realEngine();
const knowledge = {
  title: (council: string, id: string) => engine.entry(council, id)?.title,
  closest: () => undefined,
  topic: () => undefined,
};

// What the bot keeps, asked over HTTP of the real server, on each store.
for (const engine of storeEngines) {
  describe.skipIf(engine.skip)(`writes over HTTP on ${engine.name}`, () => {
    let opened: OpenedStore;
    let server: RunningServer;
    // Teams' numbering: each conversation's messages are message-1, message-2… in the stand-in.
    let channel: ConnectorStandIn;
    beforeAll(async () => {
      opened = await engine.open();
      server = await startServer({}, opened.store);
      channel = await connectorStandIn({ idsPerConversation: true });
    });
    afterAll(async () => {
      await server?.close();
      await channel?.close();
      await opened?.done();
    });

    const health = async () => (await (await fetch(`${server.url}/healthz`)).json()) as { store: string; writes: { queued: number; refused: number; dropped: number } };

    it('keeps all 30 questions of practitioners asking at once when one of them holds a NUL', async () => {
      const conversations = Array.from({ length: 30 }, (_, i) => `at-once-${i}`);
      const texts = conversations.map((_, i) => (i === 7 ? 'how do I pause home care\u0000 for a hospital stay' : `how do I increase a home care package ${i}`));
      const responses = await Promise.all(
        texts.map((text, i) => post(server.url, messageActivity(text, { conversation: { id: conversations[i], conversationType: 'personal' } }))),
      );
      expect(responses.map((r) => r.status)).toEqual(conversations.map(() => 200));
      await opened.store.flush();
      const rows = await opened.store.db
        .select({ text: questions.text })
        .from(questions)
        .where(inArray(questions.conversation, conversations.map(conversationKey)));
      expect(rows).toHaveLength(30);
      expect(rows.map((r) => r.text)).toContain('how do I pause home care for a hospital stay');
      expect(await health()).toMatchObject({ store: 'up', writes: { queued: 0, refused: 0, dropped: 0 } });
    });

    it('counts a row the database refused on its own in /healthz, and keeps serving', async () => {
      // Nothing a client sends can still be refused after cleaning: a row the store is handed wrong stands in.
      opened.store.recordFeedback({ reaction: 'dislike', messageId: 'refused-row', conversationId: 'c', questionId: 'not-a-uuid' });
      await opened.store.flush();
      expect((await health()).writes.refused).toBe(1);
      const res = await post(server.url, messageActivity('how do I increase a home care package'));
      expect(res.status).toBe(200);
    });

    it("counts a thumbs-down against its own conversation's answer when two conversations share message ids", async () => {
      const since = new Date();
      const ask = (conversation: string, text: string) =>
        postActivity(server.url, teamsActivity(channel, { conversation: { id: conversation, conversationType: 'personal' }, text }));
      const answerIn = (conversation: string) => channel.posted.filter((p) => p.path.startsWith(`/v3/conversations/${conversation}/`) && p.activity.attachments).at(-1)!;
      expect((await ask('shared-ids-a', 'how do I increase a home care package')).status).toBe(200);
      expect((await ask('shared-ids-b', 'how do I suspend home care for a hospital stay')).status).toBe(200);
      const [a, b] = [answerIn('shared-ids-a'), answerIn('shared-ids-b')];
      expect(a.id).toBe(b.id);
      await opened.store.flush();
      const kept = await opened.store.db.select({ entryId: answerMessages.entryId }).from(answerMessages).where(eq(answerMessages.messageId, a.id));
      expect(kept.map((r) => r.entryId).sort()).toEqual(['home-care-increase', 'home-care-suspend-end']);

      const thumbsDown = teamsActivity(channel, {
        type: 'invoke',
        name: 'message/submitAction',
        conversation: { id: 'shared-ids-b', conversationType: 'personal' },
        replyToId: b.id,
        value: { actionName: 'feedback', actionValue: { reaction: 'dislike', feedback: JSON.stringify({ feedbackText: 'not for a short stay' }) } },
      });
      expect((await postActivity(server.url, thumbsDown)).status).toBe(200);
      await opened.store.flush();
      const report = await buildReport(opened.store.db, { since, until: new Date(Date.now() + 1000) }, knowledge);
      const entry = (id: string) => report.entries.find((x) => x.entryId === id);
      expect(entry('home-care-suspend-end')).toMatchObject({ dislike: 1, comments: ['not for a short stay'] });
      expect(entry('home-care-increase')).toMatchObject({ dislike: 0 });
      const rows = await opened.store.db
        .select({ messageId: answerMessages.messageId })
        .from(answerMessages)
        .where(and(eq(answerMessages.conversation, conversationKey('shared-ids-b')), eq(answerMessages.messageId, b.id)));
      expect(rows).toHaveLength(1);
    });
  });
}
