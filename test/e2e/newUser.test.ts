// What a new member meets: empty records that look empty, notes that can be read, advice with
// buttons, progress after each answer, readable references, and replies that never ping.
import { describe, expect, it } from 'vitest';
import { ai300, answer, buttons, clickLabel, content, daily, embedText, isEphemeral, questionIdOf, useE2E } from './harness.ts';

describe('a new member finds their way', () => {
  const e2e = useE2E();

  it('shows an empty record as empty, with a button that starts the diagnostic', async () => {
    const stats = await ai300(e2e, e2e.world.member, 'stats').waitForReply();
    const text = embedText(stats);
    expect(text).toContain('No answers yet');
    expect(text).not.toMatch(/readiness \*\*\d+%/);
    expect(text).not.toContain('weakest domain');
    const run = await clickLabel(e2e, e2e.world.otherMember, stats, 'Start the diagnostic').waitForReply();
    // Whoever clicks gets their own private run, and the stats message stays as it was.
    expect(isEphemeral(run)).toBe(true);
    expect(run.embeds[0]!.title).toContain('Diagnostic 1/10');
    expect(e2e.emulator.getMessage(stats.id)!.embeds[0]!.description).toContain('No answers yet');
  });

  it('gives no readiness figure or weakest domain below five answers', async () => {
    const user = e2e.world.admin;
    for (let i = 0; i < 4; i++) {
      const question = await ai300(e2e, user, 'quiz').waitForReply();
      await answer(e2e, user, question, 'right').waitForUpdate();
    }
    const four = embedText(await ai300(e2e, user, 'stats').waitForReply());
    expect(four).toContain('4 answers so far: readiness and the weakest domain show after 5');
    expect(four).not.toMatch(/readiness \*\*\d+%/);
    const question = await ai300(e2e, user, 'quiz').waitForReply();
    await answer(e2e, user, question, 'wrong').waitForUpdate();
    const five = await ai300(e2e, user, 'stats').waitForReply();
    expect(embedText(five)).toMatch(/readiness \*\*\d+%\*\* \(weighted by the exam\) · 5 answers/);
    // Advice comes with buttons: the weakest domain and the most-missed tag, one click each.
    expect(
      buttons(five)
        .map((b) => b.label)
        .some((label) => label.startsWith('Drill ')),
    ).toBe(true);
    const drill = await clickLabel(e2e, user, five, /^Drill /).waitForReply();
    expect(isEphemeral(drill)).toBe(true);
    expect(buttons(drill).map((b) => b.label)).toEqual(['A', 'B', 'C', 'D']);
  });

  it('shows logged misses with their notes in stats, and forget erases them', async () => {
    const user = e2e.world.otherMember;
    await ai300(e2e, user, 'miss', { tag: 'genaiops', domain: 'genaiops', note: 'PTU spillover needs a standard deployment' }).waitForReply();
    const stats = await ai300(e2e, user, 'stats', { private: true }).waitForReply();
    expect(embedText(stats)).toContain('Recently logged misses');
    expect(embedText(stats)).toContain('**GenAIOps** · GenAIOps infrastructure: PTU spillover needs a standard deployment');
    const confirm = await ai300(e2e, user, 'forget').waitForReply();
    await clickLabel(e2e, user, confirm, /erase/i).waitForUpdate();
    const after = await ai300(e2e, user, 'stats', { private: true }).waitForReply();
    expect(embedText(after)).not.toContain('PTU spillover');
  });

  it('shows what an answer changed, a readable reference, and keeps the explanation when moving on', async () => {
    const user = e2e.world.member;
    const question = await ai300(e2e, user, 'quiz', { domain: 'lifecycle' }).waitForReply();
    const reveal = await answer(e2e, user, question, 'right').waitForUpdate();
    const text = embedText(reveal);
    expect(text).toMatch(/ML model lifecycle and operations mastery (\d+% → \d+%|\d+% \(unchanged\)) · 🔥 1-day streak/);
    const reference = reveal.embeds[0]!.fields!.find((f) => f.name === 'Reference')!.value;
    expect(reference).toMatch(/^\[(Microsoft Learn|MLflow docs)[^\]]*\]\(https:\/\/[^)]+\)$/);
    const next = await clickLabel(e2e, user, reveal, 'Next question').waitForReply();
    expect(next.id).not.toBe(reveal.id);
    expect(isEphemeral(next)).toBe(true);
    expect(embedText(e2e.emulator.getMessage(reveal.id)!)).toContain(content().questionById.get(questionIdOf(question))!.explanation);
  });

  it('lists the diagnostic misses with their explanations, with buttons to drill', async () => {
    const user = e2e.world.otherMember;
    let message = await ai300(e2e, user, 'diagnostic').waitForReply();
    const missed: string[] = [];
    for (let i = 0; i < 10; i++) {
      const id = questionIdOf(message);
      if (i % 2 === 0) missed.push(id);
      message = await answer(e2e, user, message, i % 2 === 0 ? 'wrong' : 'right').waitForUpdate();
    }
    const text = embedText(message);
    expect(text).toContain('What you missed (5)');
    for (const id of missed) expect(text).toContain(content().questionById.get(id)!.explanation.slice(0, 60));
    expect(buttons(message).filter((b) => b.label.startsWith('Drill '))).toHaveLength(2);
  });

  it('names the member who asked on a public leaderboard instead of saying "you"', async () => {
    const board = await ai300(e2e, e2e.world.admin, 'leaderboard').waitForReply();
    expect(isEphemeral(board)).toBe(false);
    const asked = board.embeds[0]!.fields!.find((f) => f.name === 'Asked by')!;
    expect(asked.value).toMatch(new RegExp(`^<@${e2e.world.admin}>: rank \\*\\*\\d+\\*\\* of \\d+$`));
    expect(embedText(board)).not.toMatch(/\bYour rank\b/);
  });

  it('offers a drill button under a cheat-sheet domain', async () => {
    const sheet = await ai300(e2e, e2e.world.member, 'cheatsheet', { domain: 'quality' }).waitForReply();
    const drill = await clickLabel(e2e, e2e.world.member, sheet, /^Drill /).waitForReply();
    expect(questionIdOf(drill)).toMatch(/^quality-/);
  });

  it('never pings when a reply echoes what a member typed', async () => {
    const typed = `@everyone <@${e2e.world.admin}>`;
    const distinction = await ai300(e2e, e2e.world.member, 'distinction', { topic: typed }).waitForReply();
    const zone = await daily(e2e, e2e.world.admin, 'set', { channel: e2e.world.dailyChannel, time: '08:00', timezone: typed }).waitForReply();
    for (const reply of [distinction, zone]) {
      expect(reply.content).toContain('@everyone');
      expect(reply.mention_everyone).toBe(false);
      expect(reply.mentions).toEqual([]);
    }
  });
});
