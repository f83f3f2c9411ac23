import { inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { questions } from '../src/store/schema.js';
import { conversationKey } from '../src/store/store.js';
import { storeEngines, type OpenedStore } from './helpers/engines.js';
import { messageActivity, post, startServer, type RunningServer } from './helpers/server.js';

// What the bot keeps, asked over HTTP of the real server, on each store.
for (const engine of storeEngines) {
  describe.skipIf(engine.skip)(`writes over HTTP on ${engine.name}`, () => {
    let opened: OpenedStore;
    let server: RunningServer;
    beforeAll(async () => {
      opened = await engine.open();
      server = await startServer({}, opened.store);
    });
    afterAll(async () => {
      await server?.close();
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
      opened.store.recordFeedback({ reaction: 'dislike', messageId: 'refused-row', questionId: 'not-a-uuid' });
      await opened.store.flush();
      expect((await health()).writes.refused).toBe(1);
      const res = await post(server.url, messageActivity('how do I increase a home care package'));
      expect(res.status).toBe(200);
    });
  });
}
