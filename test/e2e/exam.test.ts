import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { APIMessage } from 'discord-api-types/v10';
import { describe, expect, it } from 'vitest';
import { DOMAIN_IDS, type ChoiceLetter } from '../../src/content/ids.ts';
import { allocateByWeight } from '../../src/domain/diagnostic.ts';
import { scoreExam } from '../../src/domain/exam/score.ts';
import { EXAM_CHART, STATS_CHART } from '../../src/render/charts/index.ts';
import type { E2E } from './harness.ts';
import { ai300, buttons, clickLabel, content, embedText, isEphemeral, useE2E } from './harness.ts';

const MINUTE = 60_000;

/** The question shown by an exam message, found by its stem (the exam hides the id and domain). */
function questionOn(message: APIMessage) {
  const description = message.embeds[0]?.description ?? '';
  const question = content().questions.find((q) => description.startsWith(q.stem));
  if (!question) throw new Error(`no question matches "${description.slice(0, 60)}"`);
  return question;
}

const wrongLetter = (answer: ChoiceLetter): ChoiceLetter => (['A', 'B', 'C', 'D'] as const).find((l) => l !== answer)!;

function gotoMenus(message: APIMessage) {
  return (message.components ?? []).flatMap((row) =>
    (row as { components: { type: number; custom_id: string; options: { label: string; value: string; default?: boolean }[] }[] }).components.filter(
      (c) => c.type === 3,
    ),
  );
}

/** Width and height from a PNG's IHDR chunk, after checking the signature. */
function pngSize(data: Buffer): { width: number; height: number } {
  expect(data.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe(true);
  expect(data.subarray(12, 16).toString('ascii')).toBe('IHDR');
  return { width: data.readUInt32BE(16), height: data.readUInt32BE(20) };
}

function chartOf(e2e: E2E, message: APIMessage, name: string) {
  const attachment = message.attachments.find((a) => a.filename === name);
  if (!attachment) throw new Error(`no ${name} on message ${message.id}: ${message.attachments.map((a) => a.filename).join(', ')}`);
  expect(message.embeds.some((e) => e.image?.url === attachment.url)).toBe(true);
  return pngSize(e2e.emulator.attachment(attachment.id)!.data);
}

async function answerCurrent(e2e: E2E, user: string, message: APIMessage, pick: 'right' | 'wrong'): Promise<APIMessage> {
  const question = questionOn(message);
  const letter = pick === 'right' ? question.answer : wrongLetter(question.answer);
  return clickLabel(e2e, user, message, letter).waitForUpdate();
}

describe('mock exam end to end', () => {
  const e2e = useE2E(() => ({ storeUrl: `sqlite://${join(mkdtempSync(join(tmpdir(), 'ai300-exam-')), 'bot.sqlite')}` }));

  const summaryTotal = async (user: string) =>
    Object.values((await e2e.bot.ctx.store.getSummary(e2e.world.guildId, user, e2e.clock.now())).all).reduce((sum, t) => sum + (t?.n ?? 0), 0);

  it('runs a 20-question exam: answered, changed, flagged, submitted, scored, with a chart', async () => {
    const user = e2e.world.member;
    const before = await summaryTotal(user);
    let message = await ai300(e2e, user, 'exam', { length: 20 }).waitForReply();
    expect(isEphemeral(message)).toBe(true);
    expect(message.embeds[0]!.title).toBe('📝 Mock exam · question 1 of 20');
    expect(embedText(message)).toMatch(/Time is up <t:\d+:R>/);
    expect(gotoMenus(message)).toHaveLength(1);

    const shown: ReturnType<typeof questionOn>[] = [];
    for (let position = 0; position < 20; position++) {
      const question = questionOn(message);
      shown.push(question);
      message = await answerCurrent(e2e, user, message, position % 2 === 0 ? 'right' : 'wrong');
      const text = embedText(message);
      // No right or wrong during the exam.
      expect(text).not.toContain(question.explanation);
      expect(text).not.toMatch(/Correct|the answer is/);
      expect(text).toContain(`${position + 1} of 20 answered`);
      if (position < 19) message = await clickLabel(e2e, user, message, 'Next ▶').waitForUpdate();
    }
    const counts = allocateByWeight(e2e.bot.ctx.weights, 20);
    expect(DOMAIN_IDS.map((d) => shown.filter((q) => q.domain === d).length)).toEqual(DOMAIN_IDS.map((d) => counts[d]));

    // Go back to question 3 with the menu and change its right answer to a wrong one.
    const menu = gotoMenus(message)[0]!;
    message = await e2e.emulator.select({ userId: user, messageId: message.id, customId: menu.custom_id, values: ['2'] }).waitForUpdate();
    expect(message.embeds[0]!.title).toBe('📝 Mock exam · question 3 of 20');
    message = await answerCurrent(e2e, user, message, 'wrong');
    expect(embedText(message)).toContain(`Your answer: **${wrongLetter(shown[2]!.answer)}**`);
    // Flag question 3 and see it in the menu.
    message = await clickLabel(e2e, user, message, 'Flag for review').waitForUpdate();
    expect(message.embeds[0]!.title).toContain('🚩 flagged');
    expect(gotoMenus(message)[0]!.options[2]!.label).toContain('flagged');

    const confirm = await clickLabel(e2e, user, message, 'Submit…').waitForUpdate();
    expect(embedText(confirm)).toContain('You answered **20 of 20**');
    expect(confirm.embeds[0]!.fields!.find((f) => f.name.includes('Flagged'))!.value).toBe('3');
    const result = await clickLabel(e2e, user, confirm, 'Submit now').waitForUpdate();

    const answers = shown.map((q, i) => (i % 2 === 0 && i !== 2 ? q.answer : wrongLetter(q.answer)));
    const expected = scoreExam(shown, answers, e2e.bot.ctx.weights);
    expect(expected.correct).toBe(9);
    const text = embedText(result);
    expect(text).toContain('Mock exam result: 9/20 correct');
    expect(text).toContain(`Estimated score **${expected.score}** of 1000 · pass line 700`);
    expect(text).toContain('What you missed (11) · page 1 of 3');
    expect(chartOf(e2e, result, EXAM_CHART.name)).toEqual({ width: EXAM_CHART.width, height: EXAM_CHART.height });

    const page2 = await clickLabel(e2e, user, result, 'Next page ▶').waitForUpdate();
    expect(embedText(page2)).toContain('page 2 of 3');
    expect(chartOf(e2e, page2, EXAM_CHART.name)).toEqual({ width: EXAM_CHART.width, height: EXAM_CHART.height });

    // Every answer counts in stats; misses enter the review queue.
    expect((await summaryTotal(user)) - before).toBe(20);
    const learner = await e2e.bot.ctx.store.getLearner(e2e.world.guildId, user);
    for (const [i, q] of shown.entries()) if (answers[i] !== q.answer) expect(learner.review[q.id]).toBeDefined();
  });

  it('shows the last exams and a chart in /ai300 stats', async () => {
    const stats = await ai300(e2e, e2e.world.member, 'stats', { private: true }).waitForReply();
    const text = embedText(stats);
    expect(text).toMatch(/Last mock exams\n<t:\d+:d> · \*\*\d+\/1000\*\* · likely (pass|fail) \(estimate\) · 9\/20/);
    expect(text).toMatch(/Readiness, last 30 days[\s\S]*\d+%/);
    expect(chartOf(e2e, stats, STATS_CHART.name)).toEqual({ width: STATS_CHART.width, height: STATS_CHART.height });
  });

  it('scores an exam whose deadline passed with no click, and shows the result next time', async () => {
    const user = e2e.world.otherMember;
    const before = await summaryTotal(user);
    let message = await ai300(e2e, user, 'exam', { length: 20 }).waitForReply();
    message = await answerCurrent(e2e, user, message, 'right');
    message = await clickLabel(e2e, user, message, 'Next ▶').waitForUpdate();
    message = await answerCurrent(e2e, user, message, 'wrong');

    e2e.clock.advance(39 * MINUTE);
    expect(await e2e.bot.examSweeper.sweep()).toBe(0); // one minute left
    e2e.clock.advance(2 * MINUTE);
    e2e.emulator.advanceTime(41 * MINUTE);
    expect(await e2e.bot.examSweeper.sweep()).toBe(1);
    expect(await e2e.bot.examSweeper.sweep()).toBe(0); // scored once
    const record = await e2e.bot.ctx.exams.get(e2e.world.guildId, user);
    expect(record.open).toBeUndefined();
    expect(record.last).toMatchObject({ end: 'timed-out', score: { correct: 1, answered: 2, asked: 20 } });
    expect((await summaryTotal(user)) - before).toBe(2);

    // The old message's next click (a fresh token, past the first one's 15 minutes) shows the result.
    const clicked = await clickLabel(e2e, user, message, '◀ Previous').waitForUpdate();
    expect(embedText(clicked)).toContain('Mock exam result: 1/20 correct');
    expect(embedText(clicked)).toContain('Time ran out');
    // Answers to an exam that ended are not taken.
    expect(await summaryTotal(user)).toBe(before + 2);
  });

  it('shows the unseen result of a timed-out exam on the next /ai300 exam, then starts a new one', async () => {
    const user = e2e.world.otherMember;
    await ai300(e2e, user, 'exam', { length: 20 }).waitForReply();
    e2e.clock.advance(41 * MINUTE);
    expect(await e2e.bot.examSweeper.sweep()).toBe(1);
    const result = await ai300(e2e, user, 'exam', { length: 20 }).waitForReply();
    expect(embedText(result)).toContain('Mock exam result: 0/20 correct');
    expect(embedText(result)).toContain('0 of 20 answered');
    const next = await ai300(e2e, user, 'exam', { length: 20 }).waitForReply();
    expect(next.embeds[0]!.title).toBe('📝 Mock exam · question 1 of 20');
    await clickLabel(e2e, user, next, 'Submit…').waitForUpdate();
  });

  it('keeps a 50-question exam working past the 15-minute token life, and across a restart', async () => {
    const user = e2e.world.admin;
    let message = await ai300(e2e, user, 'exam').waitForReply();
    expect(message.embeds[0]!.title).toBe('📝 Mock exam · question 1 of 50');
    expect(gotoMenus(message).map((m) => m.options.length)).toEqual([25, 25]);
    message = await answerCurrent(e2e, user, message, 'right');

    e2e.clock.advance(90 * MINUTE);
    e2e.emulator.advanceTime(90 * MINUTE);
    await e2e.restartBot();
    message = await clickLabel(e2e, user, message, 'Next ▶').waitForUpdate();
    expect(message.embeds[0]!.title).toBe('📝 Mock exam · question 2 of 50');
    expect(embedText(message)).toContain('1 of 50 answered');

    const offer = await ai300(e2e, user, 'exam').waitForReply();
    expect(embedText(offer)).toContain('You have a mock exam in progress');
    const resumed = await clickLabel(e2e, user, offer, 'Resume at question 2').waitForUpdate();
    expect(resumed.embeds[0]!.title).toBe('📝 Mock exam · question 2 of 50');

    const again = await ai300(e2e, user, 'exam').waitForReply();
    const abandoned = await clickLabel(e2e, user, again, 'Abandon').waitForUpdate();
    expect(abandoned.content).toContain('Exam abandoned');
    const stale = await clickLabel(e2e, user, resumed, 'Next ▶').waitForReply();
    expect(isEphemeral(stale)).toBe(true);
    expect(stale.content).toContain('This mock exam has ended');
  });

  it("never crosses two learners' exams", async () => {
    const [ana, ben] = [e2e.world.admin, e2e.world.member];
    const [a, b] = await Promise.all([ai300(e2e, ana, 'exam', { length: 20 }).waitForReply(), ai300(e2e, ben, 'exam', { length: 20 }).waitForReply()]);
    // Each exam is private to its learner, and its buttons carry their owner.
    expect(() => clickLabel(e2e, ben, a, 'Next ▶')).toThrow(/ephemeral/);
    expect(buttons(a).every((button) => button.customId.includes(ana))).toBe(true);
    const [a1, b1] = await Promise.all([answerCurrent(e2e, ana, a, 'right'), answerCurrent(e2e, ben, b, 'wrong')]);
    expect(embedText(a1)).toContain('1 of 20 answered');
    expect(embedText(b1)).toContain('1 of 20 answered');
    const [recordA, recordB] = await Promise.all([e2e.bot.ctx.exams.get(e2e.world.guildId, ana), e2e.bot.ctx.exams.get(e2e.world.guildId, ben)]);
    expect(recordA.open!.examId).not.toBe(recordB.open!.examId);
    expect(recordA.open!.answers[0]).toBe(questionOn(a).answer);
    expect(recordB.open!.answers[0]).toBe(wrongLetter(questionOn(b).answer));
    const [ra, rb] = await Promise.all([
      clickLabel(e2e, ana, await clickLabel(e2e, ana, a1, 'Submit…').waitForUpdate(), 'Submit now').waitForUpdate(),
      clickLabel(e2e, ben, await clickLabel(e2e, ben, b1, 'Submit…').waitForUpdate(), 'Submit now').waitForUpdate(),
    ]);
    expect(embedText(ra)).toContain('Mock exam result: 1/20 correct');
    expect(embedText(rb)).toContain('Mock exam result: 0/20 correct');
    expect(buttons(ra).every((button) => button.customId.includes(ana))).toBe(true);
  });
});
