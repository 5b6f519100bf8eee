// A daily post's life: at most one open post per channel, exactly one post per local day when the
// schedule changes, and replies that say when the next post really comes.
import { describe, expect, it } from 'vitest';
import type { DiscordEmulator } from '@ai300/discord-emulator';
import { answerButtons, daily, embedText, useE2E } from './harness.ts';

function dailyPosts(emulator: DiscordEmulator, channelId: string) {
  return emulator.messages(channelId).filter((m) => m.embeds[0]?.title?.includes('Daily question'));
}

function openPosts(emulator: DiscordEmulator, channelId: string) {
  return dailyPosts(emulator, channelId).filter((m) => answerButtons(m).some((b) => !b.disabled));
}

describe('a daily post is never left open', () => {
  // 10:00 UTC.
  const e2e = useE2E({ start: '2026-11-27T10:00:00Z' });

  it('closes the previous on-demand post in a channel without a schedule', async () => {
    const channel = e2e.world.studyChannel;
    await daily(e2e, e2e.world.admin, 'now', { channel }).waitForReply();
    expect(openPosts(e2e.emulator, channel)).toHaveLength(1);
    const second = await daily(e2e, e2e.world.admin, 'now', { channel }).waitForReply();
    expect(second.content).toContain('The previous open question there was closed');
    expect(second.content).not.toContain('scheduled');
    expect(dailyPosts(e2e.emulator, channel)).toHaveLength(2);
    expect(openPosts(e2e.emulator, channel)).toHaveLength(1);
  });

  it('reveals an open post after 24 hours even when nothing replaces it', async () => {
    const channel = e2e.world.studyChannel;
    e2e.clock.advance(23 * 3_600_000);
    await e2e.bot.scheduler.sweep();
    expect(openPosts(e2e.emulator, channel)).toHaveLength(1);
    e2e.clock.advance(3_600_000);
    await e2e.bot.scheduler.sweep();
    expect(openPosts(e2e.emulator, channel)).toHaveLength(0);
    const last = dailyPosts(e2e.emulator, channel).at(-1)!;
    expect(last.embeds[0]!.title).toContain('(closed)');
    expect(embedText(last)).toContain('How the channel did');
  });

  it('turning off a channel with only an on-demand post closes that post', async () => {
    const channel = e2e.world.studyChannel;
    await daily(e2e, e2e.world.admin, 'now', { channel }).waitForReply();
    expect(openPosts(e2e.emulator, channel)).toHaveLength(1);
    const off = await daily(e2e, e2e.world.admin, 'off', { channel }).waitForReply();
    expect(off.content).toContain('The open question there was closed');
    expect(openPosts(e2e.emulator, channel)).toHaveLength(0);
  });
});

describe('one daily post per local day, also when the schedule changes', () => {
  // 07:30 UTC on 27 November.
  const e2e = useE2E({ start: '2026-11-27T07:30:00Z' });

  it('says the first post comes today when the time is still ahead', async () => {
    const reply = await daily(e2e, e2e.world.admin, 'set', { channel: e2e.world.dailyChannel, time: '08:00' }).waitForReply();
    expect(reply.content).toMatch(/The first question comes today, Fri 27 Nov, 08:00 UTC \(<t:\d+:R>\)/);
  });

  it('posts once in UTC, then a zone correction does not post again the same day', async () => {
    e2e.clock.set('2026-11-27T08:00:00Z');
    expect((await e2e.bot.scheduler.sweep()).posted).toHaveLength(1);
    // The admin meant Los Angeles: 08:00 there is 16:00 UTC, still 27 November in Los Angeles.
    const reply = await daily(e2e, e2e.world.admin, 'set', { channel: e2e.world.dailyChannel, time: '08:00', timezone: 'America/Los_Angeles' }).waitForReply();
    expect(reply.content).toContain("Today's question is already out, so the next one comes tomorrow: Sat 28 Nov, 08:00 America/Los_Angeles");
    e2e.clock.set('2026-11-27T16:00:00Z');
    expect((await e2e.bot.scheduler.sweep()).posted).toHaveLength(0);
    e2e.clock.set('2026-11-28T16:00:00Z');
    expect((await e2e.bot.scheduler.sweep()).posted).toHaveLength(1);
    expect(dailyPosts(e2e.emulator, e2e.world.dailyChannel)).toHaveLength(2);
  });

  it('says a passed time posts within a minute, and status never shows a time in the past', async () => {
    // A new channel set at 17:00 UTC for 09:00 UTC: today is unclaimed, so it posts now.
    const reply = await daily(e2e, e2e.world.admin, 'set', { channel: e2e.world.studyChannel, time: '09:00' }).waitForReply();
    expect(reply.content).toContain("09:00 has passed today and today's question has not been posted: it posts within a minute.");
    const before = await daily(e2e, e2e.world.admin, 'status').waitForReply();
    expect(embedText(before)).toContain('next: due now (posts within a minute)');
    expect(embedText(before)).not.toMatch(/ago/);
    await e2e.bot.scheduler.sweep();
    const after = await daily(e2e, e2e.world.admin, 'status').waitForReply();
    expect(embedText(after)).toMatch(/next: Sun 29 Nov, 09:00 UTC \(<t:\d+:R>\)/);
  });
});
