import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ButtonStyle, ComponentType, type TextChannel } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.ts';
import { StoreError } from '../../src/store/studyStore.ts';
import { ai300, answer, clickLabel, daily, embedText, isEphemeral, useE2E } from './harness.ts';

describe('resilience end to end', () => {
  const logLines: string[] = [];
  const e2e = useE2E(() => ({
    storeUrl: `sqlite://${join(mkdtempSync(join(tmpdir(), 'ai300-e2e-')), 'bot.sqlite')}`,
    logger: createLogger('debug', { write: (line: string) => void logLines.push(line) }),
  }));

  it('keeps records and working buttons across a restart', async () => {
    const user = e2e.world.member;
    const question = await ai300(e2e, user, 'quiz', { domain: 'lifecycle' }).waitForReply();
    const reveal = await answer(e2e, user, question, 'wrong').waitForUpdate();
    const putRequests = () => e2e.emulator.requests.filter((r) => r.method === 'PUT' && r.path.includes('/commands')).length;
    const registrations = putRequests();
    await e2e.restartBot();
    expect(putRequests()).toBe(registrations); // unchanged commands are not sent again
    const summary = await e2e.bot.ctx.store.getSummary(e2e.world.guildId, user, e2e.clock.now());
    expect(summary.all.lifecycle).toMatchObject({ n: 1, c: 0 });
    // The "Next question" button from before the restart still works.
    const next = await clickLabel(e2e, user, reveal, 'Next question').waitForUpdate();
    expect(next.embeds[0]!.footer!.text).toMatch(/^lifecycle-\d{3}/);
  });

  it('recovers from a dropped gateway connection and still answers', async () => {
    expect(e2e.emulator.dropGatewayConnection()).toBeGreaterThan(0);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const reply = await ai300(e2e, e2e.world.member, 'help').waitForReply(10_000);
    expect(embedText(reply)).toContain('AI-300 study companion');
  });

  it('rides out rate limits and server errors from Discord', async () => {
    e2e.emulator.faults.rateLimit({ method: 'POST', path: /^\/channels\/\d+\/messages$/, count: 1, retryAfterMs: 200 });
    e2e.emulator.faults.serverError({ method: 'POST', path: /^\/channels\/\d+\/messages$/, count: 1 });
    e2e.emulator.faults.rateLimit({ path: /^\/webhooks\//, count: 1, retryAfterMs: 200 });
    const reply = await daily(e2e, e2e.world.admin, 'now', { channel: e2e.world.dailyChannel }).waitForReply(10_000);
    expect(reply.content).toContain('Posted a daily question');
    expect(e2e.emulator.messages(e2e.world.dailyChannel).filter((m) => m.embeds[0]?.title?.includes('Daily question'))).toHaveLength(1);
    const injected = e2e.emulator.requests
      .filter((r) => r.injected)
      .map((r) => [r.injected, r.status, r.path.includes('/webhooks/') ? 'webhooks' : 'channels']);
    expect(injected).toEqual([
      ['rate-limit', 429, 'channels'],
      ['server-error', 500, 'channels'],
      ['rate-limit', 429, 'webhooks'],
    ]);
  });

  it('answers a malformed or outdated button with a clear private message', async () => {
    const channel = (await e2e.bot.client.channels.fetch(e2e.world.studyChannel)) as TextChannel;
    const message = await channel.send({
      content: 'Buttons from an older version',
      components: [
        {
          type: ComponentType.ActionRow,
          components: [
            { type: ComponentType.Button, style: ButtonStyle.Secondary, label: 'old', custom_id: `qa:0:${e2e.world.member}:lifecycle-001:abc:A:q:-:-` },
            { type: ComponentType.Button, style: ButtonStyle.Secondary, label: 'garbage', custom_id: 'qa:1:not-a-user' },
            { type: ComponentType.Button, style: ButtonStyle.Secondary, label: 'gone', custom_id: `qa:1:${e2e.world.member}:lifecycle-999:abc:A:q:-:-` },
          ],
        },
      ],
    });
    const stale = await e2e.emulator
      .click({ userId: e2e.world.member, messageId: message.id, customId: `qa:0:${e2e.world.member}:lifecycle-001:abc:A:q:-:-` })
      .waitForReply();
    expect(isEphemeral(stale)).toBe(true);
    expect(stale.content).toContain('older version of the bot');
    const garbage = await e2e.emulator.click({ userId: e2e.world.member, messageId: message.id, customId: 'qa:1:not-a-user' }).waitForReply();
    expect(garbage.content).toContain('I do not recognise that button');
    const gone = await e2e.emulator
      .click({ userId: e2e.world.member, messageId: message.id, customId: `qa:1:${e2e.world.member}:lifecycle-999:abc:A:q:-:-` })
      .waitForReply();
    expect(gone.content).toContain('This question has been removed from the bank');
  });

  it('tells the user to try again when the store fails, and keeps running', async () => {
    const store = e2e.bot.ctx.store;
    const original = store.recordAnswer.bind(store);
    store.recordAnswer = async () => {
      throw new StoreError('answer', new Error('SQLITE_BUSY: database is locked'));
    };
    try {
      const question = await ai300(e2e, e2e.world.otherMember, 'quiz').waitForReply();
      const notice = await answer(e2e, e2e.world.otherMember, question, 'right').waitForReply();
      expect(isEphemeral(notice)).toBe(true);
      expect(notice.content).toContain('could not reach my records just now, so nothing was changed');
    } finally {
      store.recordAnswer = original;
    }
    const after = await ai300(e2e, e2e.world.otherMember, 'quiz').waitForReply();
    expect(isEphemeral(after)).toBe(true);
  });

  it('logs failures with context but never the bot token or an interaction token', () => {
    const log = logLines.join('');
    expect(log).toContain('interaction failed'); // the store failure above was logged...
    expect(log).toContain('unroutable component'); // ...and so were the bad buttons
    expect(log).not.toContain(e2e.emulator.token);
    const interactionTokens = e2e.emulator.requests
      .map((r) => (/\/webhooks\/\d+\/([^/]+)/.exec(r.path) ?? /\/interactions\/\d+\/([^/]+)\/callback/.exec(r.path))?.[1])
      .filter(Boolean) as string[];
    expect(interactionTokens.length).toBeGreaterThan(0);
    for (const token of interactionTokens) expect(log).not.toContain(token);
  });
});
