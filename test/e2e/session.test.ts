import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { APIMessage } from 'discord-api-types/v10';
import { describe, expect, it } from 'vitest';
import { REVEAL_PAUSE_MS } from '../../src/domain/session/rules.ts';
import { StoreError } from '../../src/store/studyStore.ts';
import { ai300, answer, answerButtons, buttons, clickLabel, content, embedText, isEphemeral, questionIdOf, useE2E, type E2E } from './harness.ts';

function sessionQuestion(e2e: E2E, channelId: string, number: number): Promise<APIMessage> {
  return e2e.emulator.waitForMessage((m) => m.channel_id === channelId && (m.embeds[0]?.title ?? '').includes(`Session · question ${number}/`));
}

function revealOf(e2e: E2E, message: APIMessage): Promise<APIMessage> {
  return e2e.emulator.waitForMessage((m) => m.id === message.id && (m.embeds[0]?.title ?? '').includes('(closed)'));
}

function finalBoard(e2e: E2E, channelId: string): Promise<APIMessage> {
  return e2e.emulator.waitForMessage((m) => m.channel_id === channelId && /Session (over|stopped|ended)/.test(m.embeds[0]?.title ?? ''));
}

async function newChannel(e2e: E2E, name: string): Promise<string> {
  const id = e2e.emulator.createTextChannel(e2e.world.guildId, { name }).id;
  await new Promise((resolve) => setTimeout(resolve, 50)); // CHANNEL_CREATE reaches the bot
  return id;
}

/** Moves the bot's clock past the question's deadline (or the pause) and lets the round move on. */
async function passTime(e2e: E2E, ms: number): Promise<void> {
  e2e.clock.advance(ms);
  await e2e.bot.sessions.sweep();
}

describe('study session end to end', () => {
  // A SQLite file, as in production, so a restart finds the rounds it left.
  const e2e = useE2E(() => ({ storeUrl: `sqlite://${join(mkdtempSync(join(tmpdir(), 'ai300-session-')), 'bot.sqlite')}` }));

  it('plays a 5-question round with three members: right, wrong, late and double clicks, reveals, scoreboard and stats', async () => {
    const { admin: ana, member: ben, otherMember: chloe, studyChannel } = e2e.world;
    const start = await ai300(e2e, ben, 'session', { questions: 5, seconds: 15 }).waitForReply();
    expect(isEphemeral(start)).toBe(false);
    expect(embedText(start)).toContain('5 questions**, **15 s** each');

    // Question 1: Ana right at once, Chloé right 3 s later (then clicks again), Ben too late.
    const q1 = await sessionQuestion(e2e, studyChannel, 1);
    expect(answerButtons(q1).map((b) => b.label)).toEqual(['A', 'B', 'C', 'D']);
    expect(embedText(q1)).toMatch(/closes <t:\d+:R>/);
    const anaQ1 = await answer(e2e, ana, q1, 'right').waitForReply();
    expect(isEphemeral(anaQ1)).toBe(true);
    expect(anaQ1.content).toMatch(/Locked in: \*\*[ABCD]\*\*/);
    expect(anaQ1.content).not.toMatch(/correct|wrong/i);
    e2e.clock.advance(3_000);
    await answer(e2e, chloe, q1, 'right').waitForReply();
    const again = await answer(e2e, chloe, q1, 'wrong').waitForReply();
    expect(again.content).toMatch(/You already locked in \*\*[ABCD]\*\*/);
    e2e.clock.advance(12_500); // past the 15 s deadline, before the runner closes it
    const late = await answer(e2e, ben, q1, 'right').waitForReply();
    expect(late.content).toContain('Too late: this question has closed');
    await e2e.bot.sessions.sweep();
    const r1 = await revealOf(e2e, q1);
    const q1Question = content().questionById.get(questionIdOf(q1))!;
    expect(embedText(r1)).toContain(`Answer: ${q1Question.answer}.`);
    expect(embedText(r1)).toContain('2 of 2 right (100%)');
    expect(embedText(r1)).toMatch(new RegExp(`🥇 <@${ana}> \\(0\\.0 s\\) · 🥈 <@${chloe}> \\(3\\.0 s\\)`));
    // Ana: 100 + 50 (all the time left); Chloé: 100 + 50 × 12/15 = 140.
    expect(embedText(r1)).toMatch(new RegExp(`🥇 <@${ana}> · \\*\\*150\\*\\* pts · 1/1 right\\n🥈 <@${chloe}> · \\*\\*140\\*\\* pts`));
    expect(answerButtons(r1).every((b) => b.disabled)).toBe(true);

    // Question 2 after the pause: Ben wrong, Ana right, Chloé wrong; it closes as soon as Ana and
    // Chloé (who answered question 1) are both in, without waiting for the clock.
    await passTime(e2e, REVEAL_PAUSE_MS);
    const q2 = await sessionQuestion(e2e, studyChannel, 2);
    await answer(e2e, ben, q2, 'wrong').waitForReply();
    await answer(e2e, ana, q2, 'right').waitForReply();
    await answer(e2e, chloe, q2, 'wrong').waitForReply();
    const r2 = await revealOf(e2e, q2);
    expect(embedText(r2)).toContain('1 of 3 right (33%)');

    // Questions 3-5: everyone right.
    for (const number of [3, 4, 5]) {
      await passTime(e2e, REVEAL_PAUSE_MS);
      const q = await sessionQuestion(e2e, studyChannel, number);
      for (const user of [ana, ben, chloe]) await answer(e2e, user, q, 'right').waitForReply();
      await revealOf(e2e, q);
    }

    const board = await finalBoard(e2e, studyChannel);
    const boardText = embedText(board);
    expect(board.embeds[0]!.title).toContain('Session over');
    expect(boardText).toContain('All 5 questions played.');
    expect(boardText).toContain('Scoreboard (top 10 of 3 players)');
    expect(boardText).toMatch(new RegExp(`🥇 <@${ana}> · \\*\\*750\\*\\* pts · 5/5 right`));
    expect(boardText).toContain('14 answers, 12 right (86%)');
    expect(boardText).toContain('Missed most');
    expect(buttons(board).map((b) => b.label)).toEqual(expect.arrayContaining(['My line', 'Start another round']));
    const mine = await clickLabel(e2e, ben, board, 'My line').waitForReply();
    expect(isEphemeral(mine)).toBe(true);
    expect(mine.content).toMatch(/You finished \*\*#3 of 3\*\* with \*\*\d+\*\* points: 3 of 4 answers right/);

    // Every answer counts in the member's own record and in the channel's.
    const guild = e2e.world.guildId;
    const totals = async (user: string) =>
      Object.values((await e2e.bot.ctx.store.getSummary(guild, user, e2e.clock.now())).all).reduce((n, t) => n + (t?.n ?? 0), 0);
    expect([await totals(ana), await totals(ben), await totals(chloe)]).toEqual([5, 4, 5]);
    const benLearner = await e2e.bot.ctx.store.getLearner(guild, ben);
    expect(Object.keys(benLearner.review)).toContain(questionIdOf(q2)); // his miss is due for review
    const channel = await e2e.bot.ctx.daily.store.getChannel(guild, studyChannel);
    expect(Object.values(channel.tallies).reduce((n, t) => n + (t?.n ?? 0), 0)).toBe(14);
    // Once counted everywhere, the round's raw answers are not kept.
    const round = (await e2e.bot.ctx.sessions.store.get(guild, studyChannel))!;
    expect(round.results.map((r) => r.settled)).toEqual([true, true, true, true, true]);
    expect((await e2e.bot.ctx.sessions.store.getAnswers(guild, round.sessionId, 0)).answers).toEqual({});
  });

  it('lets the starter stop a round, and refuses a member without Manage Messages', async () => {
    const { admin: ana, member: ben, otherMember: chloe } = e2e.world;
    const channel = await newChannel(e2e, 'stop-room');
    await ai300(e2e, ben, 'session', {}, channel).waitForReply();
    const q1 = await sessionQuestion(e2e, channel, 1);
    const busy = await ai300(e2e, ana, 'session', {}, channel).waitForReply();
    expect(isEphemeral(busy)).toBe(true);
    expect(busy.content).toContain('A round is already running here (question 1 of 10');
    await answer(e2e, chloe, q1, 'right').waitForReply();
    const refused = await clickLabel(e2e, chloe, q1, 'Stop the round').waitForReply();
    expect(isEphemeral(refused)).toBe(true);
    expect(refused.content).toContain(`Only <@${ben}>, who started this round, or a member with **Manage Messages** can stop it.`);
    expect((await e2e.bot.ctx.sessions.store.get(e2e.world.guildId, channel))?.phase).toBe('asking');
    const stopped = await clickLabel(e2e, ben, q1, 'Stop the round').waitForReply();
    expect(stopped.content).toContain('Round stopped');
    const revealed = await revealOf(e2e, q1);
    expect(embedText(revealed)).toContain('1 of 1 right');
    const board = await finalBoard(e2e, channel);
    expect(board.embeds[0]!.title).toContain('Session stopped');
    expect(embedText(board)).toContain(`<@${ben}> stopped the round after 1 question.`);
    expect(embedText(board)).toMatch(new RegExp(`🥇 <@${chloe}> · \\*\\*150\\*\\* pts`));
    expect(buttons(board).some((b) => b.label === 'Stop the round')).toBe(false);
  });

  it('resumes a question after a restart, with the time it had left, counting the answers given before', async () => {
    const { admin: ana, member: ben } = e2e.world;
    const channel = await newChannel(e2e, 'restart-room');
    await ai300(e2e, ana, 'session', { questions: 5, seconds: 30 }, channel).waitForReply();
    const q1 = await sessionQuestion(e2e, channel, 1);
    await answer(e2e, ana, q1, 'right').waitForReply();
    await e2e.restartBot(() => e2e.clock.advance(10_000));
    // Still open after the restart: 20 s are left.
    await e2e.bot.sessions.sweep();
    expect(answerButtons(e2e.emulator.getMessage(q1.id)!).every((b) => !b.disabled)).toBe(true);
    await answer(e2e, ben, q1, 'wrong').waitForReply();
    await passTime(e2e, 20_000);
    const revealed = await revealOf(e2e, q1);
    expect(embedText(revealed)).toContain('1 of 2 right');
    // A question whose time ran out while the bot was down is closed at start-up, and the round goes on.
    await passTime(e2e, REVEAL_PAUSE_MS);
    const q2 = await sessionQuestion(e2e, channel, 2);
    await answer(e2e, ben, q2, 'right').waitForReply();
    await e2e.restartBot(() => e2e.clock.advance(60_000));
    const r2 = await revealOf(e2e, q2);
    expect(embedText(r2)).toContain('1 of 1 right');
    await e2e.bot.sessions.sweep(); // the reveal is out; its answers are being counted
    const stored = await e2e.bot.ctx.sessions.store.get(e2e.world.guildId, channel);
    expect(stored?.phase).toBe('revealed');
    expect(stored?.results.every((r) => r.settled)).toBe(true);
    await clickLabel(e2e, ana, e2e.emulator.getMessage(q2.id)!, 'Stop the round').waitForReply();
    await finalBoard(e2e, channel);
  });

  it('runs sessions in two channels at once without crossing', async () => {
    const { admin: ana, member: ben, otherMember: chloe } = e2e.world;
    const [left, right] = [await newChannel(e2e, 'left'), await newChannel(e2e, 'right')];
    await ai300(e2e, ana, 'session', { questions: 5, seconds: 20 }, left).waitForReply();
    await ai300(e2e, ben, 'session', { questions: 5, seconds: 20, domain: 'quality' }, right).waitForReply();
    const [l1, r1] = [await sessionQuestion(e2e, left, 1), await sessionQuestion(e2e, right, 1)];
    expect(content().questionById.get(questionIdOf(r1))!.domain).toBe('quality');
    await answer(e2e, ana, l1, 'right').waitForReply();
    await answer(e2e, ben, l1, 'wrong').waitForReply();
    await answer(e2e, chloe, r1, 'right').waitForReply();
    await passTime(e2e, 20_000);
    const [lr, rr] = [await revealOf(e2e, l1), await revealOf(e2e, r1)];
    expect(embedText(lr)).toContain('1 of 2 right');
    expect(embedText(lr)).not.toContain(`<@${chloe}>`);
    expect(embedText(rr)).toContain('1 of 1 right');
    expect(embedText(rr)).toMatch(new RegExp(`🥇 <@${chloe}> · \\*\\*150\\*\\* pts`));
    // Each round scored only its own channel's players.
    const leftState = await e2e.bot.ctx.sessions.store.get(e2e.world.guildId, left);
    const rightState = await e2e.bot.ctx.sessions.store.get(e2e.world.guildId, right);
    expect(Object.keys(leftState!.scores).sort()).toEqual([ana, ben].sort());
    expect(Object.keys(rightState!.scores)).toEqual([chloe]);
    for (const channel of [left, right]) {
      await clickLabel(e2e, channel === left ? ana : ben, e2e.emulator.getMessage((channel === left ? l1 : r1).id)!, 'Stop the round').waitForReply();
      await finalBoard(e2e, channel);
    }
  });

  it('shows a live answer count, ends by itself after two silent questions, and starts another round from the scoreboard', async () => {
    const { admin: ana, member: ben, otherMember: chloe } = e2e.world;
    const channel = await newChannel(e2e, 'quiet-room');
    await ai300(e2e, ana, 'session', { questions: 5, seconds: 15, domain: 'infra' }, channel).waitForReply();
    const q1 = await sessionQuestion(e2e, channel, 1);
    expect(embedText(q1)).toContain('0 so far');
    await answer(e2e, ben, q1, 'wrong').waitForReply();
    await answer(e2e, chloe, q1, 'wrong').waitForReply();
    const counted = await e2e.emulator.waitForMessage((m) => m.id === q1.id && embedText(m).includes('2 so far'));
    expect(answerButtons(counted).every((b) => !b.disabled)).toBe(true);
    await passTime(e2e, 15_000);
    await revealOf(e2e, q1);
    for (const number of [2, 3]) {
      await passTime(e2e, REVEAL_PAUSE_MS);
      const q = await sessionQuestion(e2e, channel, number);
      await passTime(e2e, 15_000);
      expect(embedText(await revealOf(e2e, q))).toContain('Nobody answered this one.');
    }
    const board = await finalBoard(e2e, channel);
    expect(board.embeds[0]!.title).toContain('no answers');
    expect(embedText(board)).toContain('Nobody answered two questions in a row, so the round ended after 3 questions.');
    expect(embedText(board)).toContain('Missed most\n🏗️');
    expect(buttons(board).map((b) => b.label)).toContain('Drill MLOps infrastructure');
    const notPlayed = await clickLabel(e2e, ana, board, 'My line').waitForReply();
    expect(notPlayed.content).toBe('You did not answer in this round, so you have no line on its scoreboard.');
    expect(e2e.bot.sessions.liveCount).toBe(0);

    const again = await clickLabel(e2e, chloe, board, 'Start another round').waitForReply();
    expect(isEphemeral(again)).toBe(false);
    expect(embedText(again)).toContain(`<@${chloe}> started a round: **5 questions**, **15 s** each`);
    const next = await e2e.emulator.waitForMessage(
      (m) => m.channel_id === channel && m.id !== q1.id && (m.embeds[0]?.title ?? '').includes('Session · question 1/5'),
    );
    expect(content().questionById.get(questionIdOf(next))!.domain).toBe('infra');
    // Ana did not start this round, but Manage Messages (her admin role) lets her stop it.
    const stopped = await clickLabel(e2e, ana, next, 'Stop the round').waitForReply();
    expect(stopped.content).toContain('Round stopped');
    const second = await e2e.emulator.waitForMessage((m) => m.channel_id === channel && m.id !== board.id && /Session stopped/.test(m.embeds[0]?.title ?? ''));
    expect(embedText(second)).toContain(`<@${ana}> stopped the round after 1 question.`);
  });

  it('ends a round quietly when its channel is deleted, and other channels carry on', async () => {
    const { admin: ana } = e2e.world;
    const doomed = await newChannel(e2e, 'doomed-room');
    await ai300(e2e, ana, 'session', { questions: 5, seconds: 15 }, doomed).waitForReply();
    const q1 = await sessionQuestion(e2e, doomed, 1);
    await answer(e2e, ana, q1, 'right').waitForReply();
    e2e.emulator.deleteChannel(doomed);
    await new Promise((resolve) => setTimeout(resolve, 50)); // CHANNEL_DELETE reaches the bot
    await passTime(e2e, 15_000);
    await e2e.bot.sessions.sweep();
    const round = await e2e.bot.ctx.sessions.store.get(e2e.world.guildId, doomed);
    expect(round).toMatchObject({ phase: 'ended', endReason: 'interrupted' });
    // Ana's answer was revealed to nobody, but it still counts in her record.
    expect(round!.results[0]).toMatchObject({ answered: 1, correct: 1, settled: true });
    expect(e2e.bot.sessions.liveCount).toBe(0);
    e2e.emulator.clearViolations(); // the reveal's edit to the deleted channel is expected to be refused
    const elsewhere = await ai300(e2e, ana, 'session', { questions: 5 }).waitForReply();
    expect(embedText(elsewhere)).toContain('Study session starting');
    await clickLabel(
      e2e,
      ana,
      await sessionQuestion(e2e, e2e.world.studyChannel, 1).then((m) => e2e.emulator.getMessage(m.id)!),
      'Stop the round',
    ).waitForReply();
  });

  it("sends a busy round's live count only while it leaves room for the reveal and the next post", async () => {
    const channel = await newChannel(e2e, 'busy-room');
    // Every post and edit the channel takes, in real time (Discord's windows are real time).
    const writes: { at: number; count: boolean }[] = [];
    const onWrite = (message: APIMessage) => {
      // Interaction responses (the announcement, "locked in") do not count against the channel.
      if (message.channel_id !== channel || message.interaction_metadata) return;
      const title = message.embeds[0]?.title ?? '';
      writes.push({ at: Date.now(), count: title.includes('Session · question') && !title.includes('(closed)') && !embedText(message).includes('0 so far') });
    };
    let rateLimited = 0;
    const onRequest = (entry: { status: number }) => {
      if (entry.status === 429) rateLimited++;
    };
    e2e.emulator.on('messageCreate', onWrite);
    e2e.emulator.on('messageUpdate', onWrite);
    e2e.emulator.on('request', onRequest);
    await ai300(e2e, e2e.world.admin, 'session', { questions: 5, seconds: 15 }, channel).waitForReply();
    const q1 = await sessionQuestion(e2e, channel, 1);
    // 40 members answer over about 3 seconds: every answer asks for a count edit.
    for (let i = 0; i < 40; i++) {
      const user = e2e.emulator.createUser({ username: `busy${i}` }).id;
      e2e.emulator.addMember(e2e.world.guildId, user);
      await answer(e2e, user, q1, i % 2 ? 'right' : 'wrong').waitForReply();
      await new Promise((resolve) => setTimeout(resolve, 75));
    }
    // The last count waits for the channel's 5 s window to free a slot.
    await e2e.emulator.waitForMessage((m) => m.id === q1.id && embedText(m).includes('40 so far'), { timeoutMs: 15_000 });
    await passTime(e2e, 15_000);
    expect(embedText(await revealOf(e2e, q1))).toContain('20 of 40 right');
    await clickLabel(e2e, e2e.world.admin, e2e.emulator.getMessage(q1.id)!, 'Stop the round').waitForReply();
    await finalBoard(e2e, channel);
    for (const event of ['messageCreate', 'messageUpdate'] as const) e2e.emulator.off(event, onWrite);
    e2e.emulator.off('request', onRequest);
    const countEdits = writes.filter((w) => w.count);
    expect(countEdits.length).toBeGreaterThan(0);
    expect(countEdits.length).toBeLessThan(40); // batched
    // Each count edit went out with at most 2 other writes in the 5 s before it: 2 slots stayed free.
    for (const edit of countEdits) expect(writes.filter((w) => w.at > edit.at - 5_000 && w.at <= edit.at).length).toBeLessThanOrEqual(3);
    expect(rateLimited).toBe(0);
  });

  it('retries counting answers after a store failure: the scoreboard still comes and nothing is counted twice', async () => {
    const { admin: ana, member: ben } = e2e.world;
    const channel = await newChannel(e2e, 'flaky-room');
    await ai300(e2e, ana, 'session', { questions: 5, seconds: 15 }, channel).waitForReply();
    const q1 = await sessionQuestion(e2e, channel, 1);
    await answer(e2e, ana, q1, 'right').waitForReply();
    await answer(e2e, ben, q1, 'wrong').waitForReply();
    const store = e2e.bot.ctx.store;
    const recordAnswer = store.recordAnswer.bind(store);
    let failures = 0;
    store.recordAnswer = async (guild, user, input, hooks) => {
      if (user === ben && failures++ === 0) throw new StoreError('answer', new Error('disk I/O error'));
      return recordAnswer(guild, user, input, hooks);
    };
    const before = await e2e.bot.ctx.store.getSummary(e2e.world.guildId, ana, e2e.clock.now());
    try {
      await clickLabel(e2e, ana, q1, 'Stop the round').waitForReply();
      await revealOf(e2e, q1);
      expect((await e2e.bot.ctx.sessions.store.get(e2e.world.guildId, channel))?.results[0]?.settled).toBe(false);
      await passTime(e2e, 2_000); // the runner's retry
      const board = await finalBoard(e2e, channel);
      expect(embedText(board)).toContain('2 answers, 1 right (50%)');
    } finally {
      store.recordAnswer = recordAnswer;
    }
    expect(failures).toBeGreaterThan(1);
    const count = async (user: string) =>
      Object.values((await e2e.bot.ctx.store.getSummary(e2e.world.guildId, user, e2e.clock.now())).all).reduce((n, t) => n + (t?.n ?? 0), 0);
    const anaBefore = Object.values(before.all).reduce((n, t) => n + (t?.n ?? 0), 0);
    expect(await count(ana)).toBe(anaBefore + 1);
    expect((await e2e.bot.ctx.sessions.store.get(e2e.world.guildId, channel))?.results[0]?.settled).toBe(true);
    // The channel's record took both answers, once each.
    const record = await e2e.bot.ctx.daily.store.getChannel(e2e.world.guildId, channel);
    expect(Object.values(record.tallies).reduce((n, t) => n + (t?.n ?? 0), 0)).toBe(2);
  });
});
