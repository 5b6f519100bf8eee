import { describe, expect, it } from 'vitest';
import { ai300, answer, buttons, clickLabel, content, embedText, isEphemeral, questionIdOf, useE2E } from './harness.ts';

describe('study loop end to end', () => {
  const e2e = useE2E();

  const summaryOf = (userId: string, guildId = e2e.world.guildId) => e2e.bot.ctx.store.getSummary(guildId, userId, e2e.clock.now());

  it('serves a private question, reveals the answer with the explanation, and offers the next one', async () => {
    const user = e2e.world.member;
    const question = await ai300(e2e, user, 'quiz', { domain: 'quality' }).waitForReply();
    expect(isEphemeral(question)).toBe(true);
    expect(question.embeds[0]!.title).toContain('Generative AI quality and observability');
    const id = questionIdOf(question);
    const reveal = await answer(e2e, user, question, 'right').waitForUpdate();
    const text = embedText(reveal);
    expect(text).toContain(`Correct: ${content().questionById.get(id)!.answer}`);
    expect(text).toContain(content().questionById.get(id)!.explanation);
    expect(text).toContain('Why not the others');
    const next = await clickLabel(e2e, user, reveal, 'Next question').waitForUpdate();
    expect(buttons(next).map((b) => b.label)).toEqual(['A', 'B', 'C', 'D']);
    expect(questionIdOf(next)).toMatch(/^quality-/); // the filter carries over
    expect(questionIdOf(next)).not.toBe(id);
    expect((await summaryOf(user)).all.quality).toMatchObject({ n: 1, c: 1 });
  });

  it('records a miss under its tags and turns it into advice in /ai300 stats', async () => {
    const user = e2e.world.otherMember;
    const question = await ai300(e2e, user, 'quiz', { tag: 'observability' }).waitForReply();
    const q = content().questionById.get(questionIdOf(question))!;
    const reveal = await answer(e2e, user, question, 'wrong').waitForUpdate();
    expect(embedText(reveal)).toContain(`the answer is ${q.answer}`);
    expect(embedText(reveal)).toContain('Logged as a miss under');
    const stats = await ai300(e2e, user, 'stats').waitForReply();
    const text = embedText(stats);
    expect(text).toContain('Observability:** 1 in quizzes, 0 logged');
    expect(text).toContain(content().tagById.get('observability')!.advice.slice(0, 40));
    expect(text).toMatch(/1 due|0 due · 1 scheduled/);
  });

  it('records a double click once', async () => {
    const user = e2e.world.admin;
    const before = (await summaryOf(user)).all;
    const question = await ai300(e2e, user, 'quiz', { domain: 'infra' }).waitForReply();
    const first = answer(e2e, user, question, 'right');
    const second = answer(e2e, user, question, 'right');
    const callbacks = await Promise.all([first.callback(), second.callback()]);
    // One of the two clicks updates the question with the answer; the other is told, privately, it was already answered.
    expect(callbacks.map((c) => c.type).sort()).toEqual([4, 7]);
    const notice = await (callbacks[0]!.type === 4 ? first : second).waitForReply();
    expect(notice.content).toContain('You already answered this question');
    expect(isEphemeral(notice)).toBe(true);
    const after = (await summaryOf(user)).all;
    expect((after.infra?.n ?? 0) - (before.infra?.n ?? 0)).toBe(1);
  });

  it('runs a 10-question diagnostic weighted like the exam and scores it per domain', async () => {
    const user = e2e.world.member;
    const before = (await summaryOf(user)).all;
    let message = await ai300(e2e, user, 'diagnostic').waitForReply();
    const domains: string[] = [];
    for (let i = 1; i <= 10; i++) {
      expect(message.embeds.at(-1)!.title).toContain(`Diagnostic ${i}/10`);
      domains.push(content().questionById.get(questionIdOf(message))!.domain);
      message = await answer(e2e, user, message, i % 3 === 0 ? 'wrong' : 'right').waitForUpdate();
    }
    const text = embedText(message);
    expect(text).toContain('Diagnostic result: 7/10');
    expect(text).toContain('Weakest domain');
    expect(text).toContain('Drill next');
    // Largest-remainder allocation of 10 by the exam weights: 2 infra, 3 lifecycle, 3 GenAIOps, 1 + 1.
    const count = (d: string) => domains.filter((x) => x === d).length;
    expect([count('infra'), count('lifecycle'), count('genaiops'), count('quality'), count('optimization')]).toEqual([2, 3, 3, 1, 1]);
    const after = (await summaryOf(user)).all;
    const total = (t: typeof after) => Object.values(t).reduce((s, x) => s + (x?.n ?? 0), 0);
    expect(total(after) - total(before)).toBe(10);
  });

  it('refuses an answer to a diagnostic run that a newer run replaced', async () => {
    const user = e2e.world.admin;
    const old = await ai300(e2e, user, 'diagnostic').waitForReply();
    await ai300(e2e, user, 'diagnostic').waitForReply();
    const notice = await answer(e2e, user, old, 'right').waitForReply();
    expect(isEphemeral(notice)).toBe(true);
    expect(notice.content).toContain('This diagnostic run has ended or was replaced by a newer one');
  });

  it('reviews a missed question once it is due, and says when the next one comes before that', async () => {
    const user = e2e.world.otherMember; // missed one question above
    const early = await ai300(e2e, user, 'review').waitForReply();
    expect(early.content).toMatch(/Nothing is due right now\. 1 question is scheduled; the next comes <t:\d+:R>/);
    e2e.clock.advance(2 * 86_400_000);
    const due = await ai300(e2e, user, 'review').waitForReply();
    expect(due.embeds[0]!.title).toContain('Review');
    const reveal = await answer(e2e, user, due, 'right').waitForUpdate();
    expect(buttons(reveal).map((b) => b.label)).toEqual(['Next review', 'Report a problem']);
    const after = await clickLabel(e2e, user, reveal, 'Next review').waitForUpdate();
    expect(after.content).toMatch(/Nothing is due right now/);
  });

  it('logs a practice-test miss that counts in stats', async () => {
    const user = e2e.world.admin;
    const reply = await ai300(e2e, user, 'miss', { tag: 'genaiops', domain: 'genaiops', note: 'PTU spillover' }).waitForReply();
    expect(isEphemeral(reply)).toBe(true);
    expect(embedText(reply)).toContain('Miss logged: GenAIOps');
    expect(embedText(reply)).toContain('Note: PTU spillover');
    const stats = await ai300(e2e, user, 'stats', { private: true }).waitForReply();
    expect(embedText(stats)).toContain('GenAIOps:** 0 in quizzes, 1 logged');
  });

  it("shows someone else's stats and ranks the server on the leaderboard", async () => {
    const stats = await ai300(e2e, e2e.world.admin, 'stats', { user: e2e.world.member }).waitForReply();
    expect(embedText(stats)).toContain(`<@${e2e.world.member}>`);
    const board = await ai300(e2e, e2e.world.admin, 'leaderboard').waitForReply();
    const text = embedText(board);
    expect(text).toContain('Leaderboard: readiness, all time');
    expect(text).toContain(`<@${e2e.world.member}>`); // 11 answers: ranked
    expect(text).toContain('Warming up'); // the others have fewer than 5
  });

  it("pages a long leaderboard and refuses a stranger at the owner's buttons", async () => {
    for (let i = 0; i < 15; i++) {
      for (let a = 0; a < 5; a++) {
        await e2e.bot.ctx.store.recordAnswer(e2e.world.guildId, String(300000000000000000n + BigInt(i)), {
          questionId: 'quality-001',
          domain: 'quality',
          tags: ['quality'],
          correct: a < i % 5,
          letter: 'A',
          source: 'quiz',
          now: e2e.clock.now(),
        });
      }
    }
    const board = await ai300(e2e, e2e.world.admin, 'leaderboard', { period: 'week' }).waitForReply();
    expect(embedText(board)).toContain('Page 1 of 2');
    const refused = await clickLabel(e2e, e2e.world.member, board, 'Next ▶').waitForReply();
    expect(isEphemeral(refused)).toBe(true);
    expect(refused.content).toContain(`These buttons belong to <@${e2e.world.admin}>`);
    const page2 = await clickLabel(e2e, e2e.world.admin, board, 'Next ▶').waitForUpdate();
    expect(embedText(page2)).toContain('Page 2 of 2');
    expect(embedText(page2)).toMatch(/\*\*11\.\*\*/);
  });

  it('works in a direct message for study commands and says which are server-only', async () => {
    const dm = e2e.emulator.dmChannel(e2e.world.member);
    const question = await ai300(e2e, e2e.world.member, 'quiz', {}, dm).waitForReply();
    await answer(e2e, e2e.world.member, question, 'right').waitForUpdate();
    expect((await summaryOf(e2e.world.member, 'dm')).all).not.toEqual({});
    const refused = await ai300(e2e, e2e.world.member, 'leaderboard', {}, dm).waitForReply();
    expect(refused.content).toContain('works in a server, not in direct messages');
  });

  it('erases a learner\'s records after confirmation, and keeps them on "Keep them"', async () => {
    const user = e2e.world.otherMember;
    const ask = await ai300(e2e, user, 'forget').waitForReply();
    const kept = await clickLabel(e2e, user, ask, 'Keep them').waitForUpdate();
    expect(kept.content).toBe('Nothing was erased.');
    expect(Object.keys((await summaryOf(user)).all).length).toBeGreaterThan(0);
    const again = await ai300(e2e, user, 'forget').waitForReply();
    const erased = await clickLabel(e2e, user, again, 'Erase my records').waitForUpdate();
    expect(erased.content).toContain('Your records in this server are erased');
    expect((await summaryOf(user)).all).toEqual({});
    expect((await e2e.bot.ctx.store.getLearner(e2e.world.guildId, user)).review).toEqual({});
  });
});
