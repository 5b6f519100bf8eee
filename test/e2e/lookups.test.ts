import { describe, expect, it } from 'vitest';
import { ai300, buttons, clickLabel, embedText, isEphemeral, useE2E } from './harness.ts';

describe('cheat-sheet lookups end to end', () => {
  const e2e = useE2E();

  it('registers /ai300 and /ai300-daily globally on start-up', () => {
    const names = e2e.emulator
      .commands()
      .map((c) => c.name)
      .sort();
    expect(names).toEqual(['ai300', 'ai300-admin', 'ai300-daily']);
    expect(e2e.emulator.commands(e2e.world.guildId)).toEqual([]);
  });

  it('/ai300 help lists every command in one public embed', async () => {
    const reply = await ai300(e2e, e2e.world.member, 'help').waitForReply();
    expect(isEphemeral(reply)).toBe(false);
    const text = embedText(reply);
    for (const sub of ['help', 'cheatsheet', 'distinction', 'quiz', 'diagnostic', 'exam', 'review', 'miss', 'stats', 'leaderboard', 'forget'])
      expect(text).toContain(`/ai300 ${sub}`);
    expect(text).toContain('/ai300-daily');
    // Usage lines come from the registered options, so they cannot drift from the commands.
    expect(text).toContain('/ai300 miss tag:<tag> [domain] [note]');
    expect(text).toContain('/ai300 exam [length]');
    expect(text).toContain('/ai300-daily set channel:<channel> time:<time> [timezone]\nAdmins: Post a question every day in a channel at a local time');
    for (const sub of ['off [channel]', 'status', 'now [channel]']) expect(text).toContain(`/ai300-daily ${sub}`);
  });

  it('/ai300 cheatsheet shows all five domains with weights, and the menu switches domain in place', async () => {
    const reply = await ai300(e2e, e2e.world.member, 'cheatsheet').waitForReply();
    const text = embedText(reply);
    for (const label of [
      'MLOps infrastructure (15-20%)',
      'ML model lifecycle and operations (25-30%)',
      'GenAIOps infrastructure (20-25%)',
      'Generative AI quality and observability (10-15%)',
      'Generative AI optimization (10-15%)',
    ]) {
      expect(text).toContain(label);
    }
    const menu = (reply.components![0] as { components: { custom_id: string }[] }).components[0]!;
    const updated = await e2e.emulator
      .select({ userId: e2e.world.otherMember, messageId: reply.id, customId: menu.custom_id, values: ['quality'] })
      .waitForUpdate();
    expect(updated.id).toBe(reply.id);
    expect(updated.embeds[0]!.title).toContain('Generative AI quality and observability');
    expect(embedText(updated)).toContain('Groundedness vs relevance');
  });

  it('/ai300 cheatsheet private:true answers only the caller', async () => {
    const reply = await ai300(e2e, e2e.world.member, 'cheatsheet', { domain: 'lifecycle', private: true }).waitForReply();
    expect(isEphemeral(reply)).toBe(true);
    expect(reply.embeds[0]!.title).toContain('ML model lifecycle and operations');
    expect(e2e.emulator.messages(e2e.world.studyChannel, { as: e2e.world.otherMember }).some((m) => m.id === reply.id)).toBe(false);
  });

  it('autocompletes distinctions from any word of their name or rule', async () => {
    const choices = await e2e.emulator
      .autocomplete({
        userId: e2e.world.member,
        channelId: e2e.world.studyChannel,
        command: 'ai300',
        subcommand: 'distinction',
        options: { topic: 'drift' },
        focused: 'topic',
      })
      .choices();
    expect(choices.map((c) => c.name)).toContain('Model drift vs data drift');
    expect(choices.length).toBeLessThanOrEqual(25);
  });

  it('shows a distinction with its rule and a working "Quiz me on this" button', async () => {
    const reply = await ai300(e2e, e2e.world.member, 'distinction', { topic: 'model-drift-vs-data-drift' }).waitForReply();
    expect(reply.embeds[0]!.title).toContain('Model drift vs data drift');
    expect(embedText(reply)).toContain('How to decide');
    const quiz = await clickLabel(e2e, e2e.world.otherMember, reply, 'Quiz me on this').waitForReply();
    expect(isEphemeral(quiz)).toBe(true);
    expect(buttons(quiz).map((b) => b.label)).toEqual(['A', 'B', 'C', 'D']);
    expect(quiz.embeds[0]!.footer!.text).toMatch(/^lifecycle-\d{3}/);
  });

  it('lists every distinction without a topic, and refuses an unknown topic privately', async () => {
    const list = await ai300(e2e, e2e.world.member, 'distinction').waitForReply();
    expect(embedText(list)).toContain('Deployment vs release');
    const unknown = await ai300(e2e, e2e.world.member, 'distinction', { topic: 'quantum teleportation' }).waitForReply();
    expect(isEphemeral(unknown)).toBe(true);
    expect(unknown.content).toContain('I have no distinction matching "quantum teleportation"');
  });
});
