// Leaderboard and stats latency for a 10,000-member server and for 100 servers of 100 members,
// and whether the cost grows with the number of servers in the store.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { leaderboardPage } from '../../src/bot/commands/ai300/leaderboard.ts';
import { statsView } from '../../src/bot/commands/ai300/stats.ts';
import { loadContent } from '../../src/content/load.ts';
import { DOMAIN_IDS } from '../../src/content/ids.ts';
import { addAnswer, examWeights, type DomainTallies } from '../../src/domain/mastery.ts';
import { seededRandom } from '../../src/domain/random.ts';
import { renderStats } from '../../src/render/stats.ts';
import { openKeyValue, type KeyValue } from '../../src/store/kv.ts';
import { emptyLearner, type MasterySummary } from '../../src/store/records.ts';
import { StudyStore, currentSummary } from '../../src/store/studyStore.ts';
import { silentLogger } from '../../src/logger.ts';
import type { BotContext } from '../../src/bot/context.ts';
import { type Figure, type Size, round, summarize } from './measure.ts';

const NOW = new Date('2026-11-27T12:00:00Z');

function randomTallies(random: () => number): DomainTallies {
  const tallies: DomainTallies = {};
  for (const domain of DOMAIN_IDS) for (let i = 0; i < 3 + Math.floor(random() * 20); i++) tallies[domain] = addAnswer(tallies[domain], random() < 0.6);
  return tallies;
}

export async function populate(kv: KeyValue, guild: string, members: number, random: () => number): Promise<void> {
  const writes: Promise<void>[] = [];
  for (let m = 0; m < members; m++) {
    const user = String(200000000000000000n + BigInt(m));
    const base = currentSummary(undefined, NOW);
    const tallies = randomTallies(random);
    const summary: MasterySummary = {
      ...base,
      all: tallies,
      week: { key: base.week.key, tallies },
      month: { key: base.month.key, tallies },
      updatedAt: NOW.getTime(),
    };
    writes.push(kv.set(`g:${guild}:s:${user}`, summary), kv.set(`g:${guild}:u:${user}`, { ...emptyLearner(), tagMisses: { lifecycle: 3, quality: 1 } }));
  }
  await Promise.all(writes);
}

async function time(calls: number, work: (i: number) => Promise<unknown>): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < calls; i++) {
    const started = performance.now();
    await work(i);
    samples.push(performance.now() - started);
  }
  return samples;
}

/** Leaderboard and stats timings for one server: the first (cold) leaderboard, then `calls` of each. */
export async function measureReads(url: string, guild: string, memberCount: number, calls: number, random: () => number) {
  const content = loadContent();
  const store = new StudyStore(await openKeyValue(url));
  const ctx = { content, weights: examWeights(content.domains), store, logger: silentLogger, now: () => NOW, random } as unknown as BotContext;
  const viewer = (i: number) => ({ guildId: guild, user: { id: String(200000000000000000n + BigInt(i % memberCount)) } });
  const coldStarted = performance.now();
  await leaderboardPage(viewer(0), ctx, { period: 'all', page: 0 });
  const cold = performance.now() - coldStarted;
  const board = summarize(
    await time(calls, (i) =>
      leaderboardPage(viewer(i), ctx, { period: i % 2 ? 'week' : 'all', page: i % 3, ...(i % 4 === 0 && { domain: 'quality' as const }) }),
    ),
  );
  const stats = summarize(
    await time(calls, async (i) => {
      const userId = viewer(i).user.id;
      const [learner, summary] = await Promise.all([store.getLearner(guild, userId), store.getSummary(guild, userId, NOW)]);
      return renderStats(content, ctx.weights, statsView(userId, learner, summary, NOW));
    }),
  );
  await store.close();
  return { cold, board, stats };
}

export async function storeScale(size: Size): Promise<Figure[]> {
  const bigGuild = '800000000000000001';
  const members = size === 'full' ? 10_000 : 200;
  const smallGuilds = size === 'full' ? 100 : 5;
  const smallMembers = size === 'full' ? 100 : 20;
  const calls = size === 'full' ? 300 : 20;
  const dir = mkdtempSync(join(tmpdir(), 'ai300-scale-'));
  const random = seededRandom(11);
  try {
    const url = `sqlite://${join(dir, 'scale.sqlite')}`;
    let kv = await openKeyValue(url);
    await populate(kv, bigGuild, members, random);
    await kv.close();

    const measure = (guild: string, memberCount: number) => measureReads(url, guild, memberCount, calls, random);

    const alone = await measure(bigGuild, members);
    kv = await openKeyValue(url);
    for (let g = 0; g < smallGuilds; g++) await populate(kv, `81000000000000${String(g).padStart(4, '0')}`, smallMembers, random);
    await kv.close();
    const crowded = await measure(bigGuild, members);
    const small = await measure('810000000000000000', smallMembers);

    return [
      {
        scenario: 'store scale',
        metric: `leaderboard p99, ${members} members`,
        value: round(crowded.board.p99),
        unit: 'ms',
        target: '< 50 ms',
        met: crowded.board.p99 < 50,
      },
      {
        scenario: 'store scale',
        metric: `stats p99, ${members} members`,
        value: round(crowded.stats.p99),
        unit: 'ms',
        target: '< 50 ms',
        met: crowded.stats.p99 < 50,
      },
      {
        scenario: 'store scale',
        metric: `leaderboard first load, ${members} members`,
        value: round(crowded.cold),
        unit: 'ms',
        note: 'one scan, then kept current in memory',
      },
      {
        scenario: 'store scale',
        metric: `leaderboard p99, ${smallMembers} members among ${smallGuilds + 1} servers`,
        value: round(small.board.p99),
        unit: 'ms',
      },
      { scenario: 'store scale', metric: `stats p99, ${smallMembers} members among ${smallGuilds + 1} servers`, value: round(small.stats.p99), unit: 'ms' },
      {
        scenario: 'store scale',
        metric: `leaderboard p99 with ${smallGuilds} more servers in the store`,
        value: round(crowded.board.p99),
        unit: 'ms',
        floor: round(alone.board.p99),
        ratio: round(crowded.board.p99 / alone.board.p99),
        target: 'does not grow with servers',
        met: crowded.board.p99 <= alone.board.p99 * 1.5 + 1,
      },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
