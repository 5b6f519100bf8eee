import { describe, expect, it } from 'vitest';
import { Permission, type DiscordEmulator } from '@ai300/discord-emulator';
import { answer, answerButtons, buttons, content, daily, embedText, isEphemeral, questionIdOf, useE2E } from './harness.ts';

function dailyPosts(emulator: DiscordEmulator, channelId: string) {
  return emulator.messages(channelId).filter((m) => m.embeds[0]?.title?.includes('Daily question'));
}

describe('daily question end to end', () => {
  // 07:00 in Paris.
  const e2e = useE2E({ start: '2026-11-27T06:00:00Z' });

  it('hides /ai300-daily from members without Manage Channels, and refuses one a server override lets through', async () => {
    expect(() => daily(e2e, e2e.world.member, 'status')).toThrow(/default_member_permissions/);
    e2e.emulator.setCommandOverride(e2e.world.guildId, 'ai300-daily', e2e.world.member, true);
    const refused = await daily(e2e, e2e.world.member, 'set', { channel: e2e.world.dailyChannel, time: '08:00' }).waitForReply();
    expect(isEphemeral(refused)).toBe(true);
    expect(refused.content).toContain('You need the **Manage Channels** permission');
    expect((await e2e.bot.ctx.daily.store.getConfig(e2e.world.guildId)).channels).toEqual({});
  });

  it('validates the time and the time zone', async () => {
    const badTime = await daily(e2e, e2e.world.admin, 'set', { channel: e2e.world.dailyChannel, time: '25:00' }).waitForReply();
    expect(isEphemeral(badTime)).toBe(true);
    expect(badTime.content).toContain('"25:00" is not a time');
    const badZone = await daily(e2e, e2e.world.admin, 'set', { channel: e2e.world.dailyChannel, time: '08:00', timezone: 'Mars/Olympus' }).waitForReply();
    expect(badZone.content).toContain('"Mars/Olympus" is not a time zone I know');
  });

  it('autocompletes time zones', async () => {
    const choices = await e2e.emulator
      .autocomplete({
        userId: e2e.world.admin,
        channelId: e2e.world.studyChannel,
        command: 'ai300-daily',
        subcommand: 'set',
        options: { channel: e2e.world.dailyChannel, time: '08:00', timezone: 'paris' },
        focused: 'timezone',
      })
      .choices();
    expect(choices).toEqual([{ name: 'Europe/Paris', value: 'Europe/Paris' }]);
  });

  it('names the permission the bot is missing in the channel', async () => {
    const locked = e2e.emulator.createTextChannel(e2e.world.guildId, {
      name: 'locked',
      overwrites: [{ id: e2e.emulator.applicationId, type: 'member', deny: Permission.SendMessages }],
    }).id;
    await new Promise((resolve) => setTimeout(resolve, 50)); // CHANNEL_CREATE reaches the bot
    const reply = await daily(e2e, e2e.world.admin, 'set', { channel: locked, time: '08:00' }).waitForReply();
    expect(reply.content).toContain(`I cannot post in <#${locked}>: I am missing **Send Messages** there.`);
  });

  it('sets a schedule and reports it with its next post time', async () => {
    const reply = await daily(e2e, e2e.world.admin, 'set', { channel: e2e.world.dailyChannel, time: '08:00', timezone: 'Europe/Paris' }).waitForReply();
    expect(reply.content).toContain('Daily question set for');
    expect(reply.content).toContain('08:00 Europe/Paris');
    const status = await daily(e2e, e2e.world.admin, 'status').waitForReply();
    expect(embedText(status)).toContain('Every day at 08:00 Europe/Paris · next: Fri 27 Nov, 08:00 Europe/Paris');
    expect(embedText(status)).toContain('No answers yet');
  });

  it('posts once at the local time, not before, and not twice', async () => {
    expect((await e2e.bot.scheduler.sweep()).posted).toHaveLength(0);
    e2e.clock.set('2026-11-27T07:00:00Z'); // 08:00 in Paris
    // Two ticks at once share one sweep.
    const [first, second] = await Promise.all([e2e.bot.scheduler.sweep(), e2e.bot.scheduler.sweep()]);
    expect(second).toBe(first);
    expect(first.posted).toHaveLength(1);
    e2e.clock.advance(3_600_000);
    expect((await e2e.bot.scheduler.sweep()).posted).toHaveLength(0);
    const posts = dailyPosts(e2e.emulator, e2e.world.dailyChannel);
    expect(posts).toHaveLength(1);
    expect(isEphemeral(posts[0]!)).toBe(false);
    expect(buttons(posts[0]!).map((b) => b.label)).toEqual(['A', 'B', 'C', 'D']);
  });

  it('takes one answer per member, with exact counts under 100 concurrent clicks', async () => {
    const post = dailyPosts(e2e.emulator, e2e.world.dailyChannel)[0]!;
    const clickers = Array.from({ length: 100 }, (_, i) => {
      const user = e2e.emulator.createUser({ username: `learner${i}` });
      e2e.emulator.addMember(e2e.world.guildId, user.id);
      return user.id;
    });
    const handles = clickers.map((userId, i) => answer(e2e, userId, post, i < 60 ? 'right' : 'wrong'));
    const replies = await Promise.all(handles.map((h) => h.waitForReply()));
    expect(replies.every(isEphemeral)).toBe(true);
    expect(replies.filter((r) => embedText(r).includes('Correct:'))).toHaveLength(60);
    const record = await e2e.bot.ctx.daily.store.getPost(e2e.world.guildId, buttons(post)[0]!.customId.split(':')[2]!);
    expect(Object.keys(record!.answers)).toHaveLength(100);
    // Every answer also counts in the member's own stats.
    const q = content().questionById.get(questionIdOf(post))!;
    const summary = await e2e.bot.ctx.store.getSummary(e2e.world.guildId, clickers[0]!, e2e.clock.now());
    expect(summary.all[q.domain]).toMatchObject({ n: 1, c: 1 });
    // A second click says what they answered.
    const again = await answer(e2e, clickers[0]!, post, 'wrong').waitForReply();
    expect(again.content).toMatch(/You already answered this daily question: you chose \*\*[ABCD]\*\*/);
    // The post's live count catches up in one batched edit.
    const updated = await e2e.emulator.waitForMessage((m) => m.id === post.id && (m.embeds[0]?.footer?.text ?? '').includes('100 answers so far'));
    expect(updated.id).toBe(post.id);
  });

  it("reveals yesterday's answer and share right when the next post goes out", async () => {
    const first = dailyPosts(e2e.emulator, e2e.world.dailyChannel)[0]!;
    const q = content().questionById.get(questionIdOf(first))!;
    e2e.clock.set('2026-11-28T07:00:00Z');
    const result = await e2e.bot.scheduler.sweep();
    expect(result.posted).toHaveLength(1);
    const revealed = e2e.emulator.getMessage(first.id)!;
    expect(revealed.embeds[0]!.title).toContain('closed');
    expect(embedText(revealed)).toContain(`Answer: ${q.answer}`);
    expect(embedText(revealed)).toContain('60 of 100 right (60%)');
    expect(answerButtons(revealed).every((b) => b.disabled)).toBe(true);
    expect(buttons(revealed).map((b) => b.label)).toContain('Report a problem');
    expect(() => answer(e2e, e2e.world.member, revealed, 'right')).toThrow(/disabled/); // as in Discord
  });

  it('posts an extra question on demand, closing the open one, and turning off closes the last', async () => {
    const open = () => dailyPosts(e2e.emulator, e2e.world.dailyChannel).filter((m) => answerButtons(m).some((b) => !b.disabled));
    expect(open()).toHaveLength(1);
    const now = await daily(e2e, e2e.world.admin, 'now', { channel: e2e.world.dailyChannel }).waitForReply();
    expect(now.content).toContain('The previous open question there was closed and its answer revealed.');
    expect(now.content).toContain('The scheduled one still comes at its time.');
    const posts = dailyPosts(e2e.emulator, e2e.world.dailyChannel);
    expect(posts).toHaveLength(3);
    // At most one open post per channel: the newest.
    expect(open().map((m) => m.id)).toEqual([posts[2]!.id]);
    expect(posts[1]!.embeds[0]!.title).toContain('(closed)');
    const off = await daily(e2e, e2e.world.admin, 'off', { channel: e2e.world.dailyChannel }).waitForReply();
    expect(off.content).toContain('Daily question turned off');
    expect(off.content).toContain('The open question there was closed and its answer revealed.');
    expect(open()).toHaveLength(0);
    const status = await daily(e2e, e2e.world.admin, 'status').waitForReply();
    expect(status.content).toContain('No daily question is set up in this server');
  });

  it('reports a deleted channel in status and keeps other channels posting', async () => {
    const doomed = e2e.emulator.createTextChannel(e2e.world.guildId, { name: 'doomed' }).id;
    await new Promise((resolve) => setTimeout(resolve, 50));
    await daily(e2e, e2e.world.admin, 'set', { channel: doomed, time: '08:00', timezone: 'Europe/Paris' }).waitForReply();
    await daily(e2e, e2e.world.admin, 'set', { channel: e2e.world.dailyChannel, time: '08:00', timezone: 'Europe/Paris' }).waitForReply();
    e2e.emulator.deleteChannel(doomed);
    await new Promise((resolve) => setTimeout(resolve, 50));
    e2e.clock.set('2026-11-29T07:00:00Z');
    const result = await e2e.bot.scheduler.sweep();
    expect(result.posted.map((j) => j.channelId)).toEqual([e2e.world.dailyChannel]);
    expect(result.failed).toHaveLength(1);
    const status = await daily(e2e, e2e.world.admin, 'status').waitForReply();
    expect(embedText(status)).toMatch(/Last attempt failed .*: (the channel no longer exists|That channel cannot take messages)/);
    // The daily channel has 100 answers on record, so its weakest domain is known.
    expect(embedText(status)).toMatch(/Weakest domain: \*\*[^*]+\*\* \(\d+%, 100 answers in this channel\)/);
    e2e.emulator.clearViolations(); // the scheduler's attempt on the deleted channel is expected to be refused
  });
});
