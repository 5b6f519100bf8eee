// Two shards (two bot processes under discord.js's ShardingManager) on one real PostgreSQL
// database, against the emulator routing each server to its shard: answers and leaderboards in
// servers on both shards, one daily post per server, and a shard killed mid-burst that loses no
// acknowledged answer and comes back.
import { setTimeout as sleep } from 'node:timers/promises';
import { type DiscordEmulator, shardOf, startEmulator } from '@ai300/discord-emulator';
import type { APIMessage } from 'discord-api-types/v10';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { localTime } from '../../src/domain/daily/clock.ts';
import { parseCustomId } from '../../src/render/customId.ts';
import { DailyStore } from '../../src/store/dailyStore.ts';
import { openKeyValue } from '../../src/store/kv.ts';
import { StudyStore } from '../../src/store/studyStore.ts';
import { createTestDatabase } from '../helpers/postgresServer.ts';
import { startShardedBot, type ShardedBot } from '../helpers/shardedBot.ts';
import { createTestWorld, type StudyWorld } from '../helpers/studyWorld.ts';
import { buttons, content, embedText, questionIdOf } from './harness.ts';

/** A server id on `shard` of 2 (Discord routes a server by (id >> 22) % shard count). */
function guildOnShard(shard: number, index: number): string {
  const base = ((BigInt('1300000000000000000') >> 23n) << 23n) + BigInt(index) * (1n << 23n);
  const id = String(base + BigInt(shard) * (1n << 22n));
  if (shardOf(id, 2) !== shard) throw new Error('bad shard arithmetic');
  return id;
}

describe('two shards on one PostgreSQL database', () => {
  let emulator: DiscordEmulator;
  let storeUrl: string;
  let bot: ShardedBot | undefined;
  const worlds: StudyWorld[] = [];
  const logLines: string[] = [];

  const shardPids = () => {
    const pids = new Map<number, number>();
    for (const line of logLines) {
      const entry = /"shard":(\d+),"pid":(\d+)[^\n]*"msg":"shard ready"/.exec(line);
      if (entry) pids.set(Number(entry[1]), Number(entry[2]));
    }
    return pids;
  };

  const slash = (world: StudyWorld, userId: string, subcommand: string, options = {}) =>
    emulator.slash({ userId, channelId: world.studyChannel, command: 'ai300', subcommand, options });

  /** Clicks the right (or a wrong) answer of a served question. */
  const answerClick = (userId: string, message: APIMessage, right: boolean) => {
    const question = content().questionById.get(questionIdOf(message))!;
    const letter = right ? question.answer : (['A', 'B', 'C', 'D'] as const).find((l) => l !== question.answer)!;
    const button = buttons(message).find((b) => b.label === letter)!;
    return emulator.click({ userId, messageId: message.id, customId: button.customId });
  };

  const dailyPosts = (world: StudyWorld) => emulator.messages(world.dailyChannel).filter((m) => m.embeds[0]?.title?.includes('Daily question'));

  beforeAll(async () => {
    storeUrl = await createTestDatabase(inject('postgresAdminUrl'));
    emulator = await startEmulator({ waitTimeoutMs: 15_000, recommendedShards: 2 });
    worlds.push(
      createTestWorld(emulator, { guildId: guildOnShard(0, 1), name: 'Zero' }),
      createTestWorld(emulator, { guildId: guildOnShard(1, 2), name: 'One' }),
    );

    // Each server's daily question was due a minute ago, so each shard's first sweep posts it.
    const now = new Date();
    const timezone = now.getUTCHours() >= 1 ? 'UTC' : 'Asia/Tokyo';
    const kv = await openKeyValue(storeUrl);
    const daily = new DailyStore(kv);
    for (const world of worlds) {
      await daily.updateConfig(world.guildId, (config) => {
        config.channels[world.dailyChannel] = {
          channelId: world.dailyChannel,
          minutes: localTime(now, timezone).minutes - 1,
          timezone,
          configuredBy: world.admin,
          configuredAt: now.getTime(),
        };
        return { save: true, result: undefined };
      });
    }
    await kv.close();

    bot = startShardedBot({ emulator, storeUrl, shardCount: 'auto', onOutput: (text) => logLines.push(...text.split('\n')) });
    await emulator.waitForShards(2, 90_000);
    // Shard 0 registers the commands once; wait for them.
    for (let waited = 0; emulator.commands().length === 0; waited += 100) {
      if (waited > 30_000) throw new Error(`no commands registered:\n${logLines.join('\n')}`);
      await sleep(100);
    }
  }, 150_000);

  afterAll(async () => {
    await bot?.stop();
    await emulator?.close();
  }, 60_000);

  it('connects one session per shard and registers the commands once', () => {
    expect(emulator.connectedShards.sort()).toEqual([
      [0, 2],
      [1, 2],
    ]);
    const registrations = emulator.requests.filter((r) => r.method === 'PUT' && /\/applications\/\d+\/commands$/.test(r.path));
    expect(registrations).toHaveLength(1);
  });

  it('answers in servers on both shards, each with its own leaderboard', async () => {
    for (const world of worlds) {
      for (let i = 0; i < 5; i++) {
        const question = await slash(world, world.member, 'quiz').waitForReply();
        const reveal = await answerClick(world.member, question, true).waitForUpdate();
        expect(embedText(reveal)).toContain('Correct');
      }
      const board = await slash(world, world.admin, 'leaderboard').waitForReply();
      const text = embedText(board);
      expect(text).toContain(`<@${world.member}>`);
      for (const other of worlds.filter((w) => w !== world)) expect(text).not.toContain(`<@${other.member}>`);
    }
    emulator.assertNoViolations();
  });

  it("posts each server's daily question exactly once, from the shard that serves it", async () => {
    for (const world of worlds) {
      await emulator.waitForMessage((m) => m.channel_id === world.dailyChannel && Boolean(m.embeds[0]?.title?.includes('Daily question')), {
        timeoutMs: 30_000,
      });
    }
    await sleep(1_000);
    expect(worlds.map((w) => dailyPosts(w).length)).toEqual([1, 1]);
  });

  it('loses no acknowledged answer when a shard is killed mid-burst, and the shard comes back', async () => {
    const world = worlds[1]!;
    const members = [world.member, world.otherMember, world.admin];
    // Questions served ahead, so the burst is answers only.
    const served: { userId: string; question: APIMessage }[] = [];
    for (const userId of members) for (let i = 0; i < 10; i++) served.push({ userId, question: await slash(world, userId, 'quiz').waitForReply() });
    const pid = shardPids().get(1);
    expect(pid).toBeDefined();

    // The shard dies once a few answers of the burst have been acknowledged.
    let acknowledgedSoFar = 0;
    const clicks = served.map(({ userId, question }, i) => ({ userId, handle: answerClick(userId, question, i % 2 === 0) }));
    const outcomes = await Promise.allSettled(
      clicks.map((click) =>
        click.handle.waitForUpdate(3_000).then(() => {
          if (++acknowledgedSoFar === 5) process.kill(pid!, 'SIGKILL');
        }),
      ),
    );
    const acknowledged = clicks.filter((_, i) => outcomes[i]!.status === 'fulfilled');
    expect(acknowledged.length).toBeGreaterThanOrEqual(5);
    expect(acknowledged.length).toBeLessThan(clicks.length);
    const lost = new Set(clicks.filter((_, i) => outcomes[i]!.status === 'rejected').map((click) => `INTERACTION_CREATE ${click.handle.id}`));
    // Clicks that reached the dead shard go unanswered, as on Discord ("This interaction failed"):
    // those, and only those, are the violations once their 3-second deadline has passed.
    await sleep(500);
    expect(emulator.violations.filter((v) => !(v.kind === 'unanswered-interaction' && lost.has(v.path)))).toEqual([]);
    emulator.clearViolations();

    // The manager restarts the shard; it identifies again and serves its server.
    await sleep(500);
    await emulator.waitForShards(2, 60_000);
    const after = await slash(world, world.member, 'quiz').waitForReply();
    expect(questionIdOf(after)).toMatch(/^[a-z]+-\d{3}$/);

    const kv = await openKeyValue(storeUrl);
    const store = new StudyStore(kv);
    for (const userId of members) {
      const saved = new Set(Object.keys((await store.getLearner(world.guildId, userId)).answered));
      for (const click of acknowledged.filter((c) => c.userId === userId)) {
        const parsed = parseCustomId((click.handle.payload.data as { custom_id: string }).custom_id);
        expect(parsed.ok && parsed.id.kind === 'answer').toBe(true);
        if (parsed.ok && parsed.id.kind === 'answer') expect(saved.has(parsed.id.serve), `answer ${parsed.id.serve} of ${userId}`).toBe(true);
      }
    }
    await kv.close();
    // The restarted shard did not post its server's daily question again.
    expect(dailyPosts(world)).toHaveLength(1);
    emulator.assertNoViolations();
  }, 120_000);
});
