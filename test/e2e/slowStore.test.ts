// With a slow store, every interaction must still be acknowledged inside Discord's deadline:
// handlers answer or defer first, then do the slow work. The deadline is shortened here (and
// the store slowed past it) so the test stays quick.
import { beforeAll, describe, expect, it } from 'vitest';
import type { StudyStore } from '../../src/store/studyStore.ts';
import type { DailyStore } from '../../src/store/dailyStore.ts';
import { ai300, answer, clickLabel, daily, embedText, useE2E } from './harness.ts';

const DEADLINE_MS = 400;
const STORE_DELAY_MS = 700;

function slowDown<T extends object>(target: T, methods: (keyof T)[]): void {
  for (const name of methods) {
    const original = (target[name] as (...args: unknown[]) => Promise<unknown>).bind(target);
    (target as Record<keyof T, unknown>)[name] = async (...args: unknown[]) => {
      await new Promise((resolve) => setTimeout(resolve, STORE_DELAY_MS));
      return original(...args);
    };
  }
}

describe('a slow store', () => {
  const e2e = useE2E({ emulator: { interactionDeadlineMs: DEADLINE_MS }, deferAfterMs: 150 });
  beforeAll(() => {
    slowDown<StudyStore>(e2e.bot.ctx.store, [
      'getLearner',
      'getSummary',
      'recordAnswer',
      'serveQuestion',
      'logMiss',
      'saveDiagnostic',
      'forget',
      'guildSummaries',
      'updateLearner',
    ]);
    slowDown<DailyStore>(e2e.bot.ctx.daily.store, ['getConfig', 'updateConfig', 'getPost', 'answerPost', 'getChannel']);
  });

  it('never delays the first answer to an interaction past the deadline', async () => {
    const user = e2e.world.member;
    const question = await ai300(e2e, user, 'quiz').waitForReply(10_000);
    const reveal = await answer(e2e, user, question, 'right').waitForUpdate(10_000);
    await clickLabel(e2e, user, reveal, 'Next question').waitForUpdate(10_000);
    let run = await ai300(e2e, user, 'diagnostic').waitForReply(10_000);
    run = await answer(e2e, user, run, 'wrong').waitForUpdate(10_000);
    expect(run.embeds[0]!.title).toContain('Question 1/10');
    for (const sub of ['stats', 'leaderboard', 'review']) await ai300(e2e, user, sub).waitForReply(10_000);
    await ai300(e2e, user, 'miss', { tag: 'quality' }).waitForReply(10_000);
    const status = await daily(e2e, e2e.world.admin, 'status').waitForReply(10_000);
    expect(embedText(status)).toContain('No daily question');
  });
});
