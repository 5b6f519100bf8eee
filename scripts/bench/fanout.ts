// Daily fan-out: every channel's daily question due in the same minute, one sweep, against the
// emulator enforcing Discord's global limit of 50 requests per second per bot token.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startBot } from '../../src/bot/startBot.ts';
import { loadCheckedContent } from '../../src/render/contentChecks.ts';
import { seededRandom } from '../../src/domain/random.ts';
import { startEmulator, warmUpValidators } from '@ai300/discord-emulator';
import { silentLogger } from '../../src/logger.ts';
import { BOT_PERMISSIONS } from '../../test/helpers/studyWorld.ts';
import { type Figure, type Size, round } from './measure.ts';

/** 08:00:20 UTC: every schedule below (08:00 UTC) is due, on time. */
const NOW = new Date('2026-11-27T08:00:20Z');
export const GLOBAL_PER_SECOND = 50;

/** A fan-out's wall time against its floor: `total` posts at Discord's global limit. */
export function fanoutTime(scenario: string, metric: string, wallMs: number, total: number, notOnce: number, note: string): Figure {
  const floorMs = (total / GLOBAL_PER_SECOND) * 1000;
  return {
    scenario,
    metric,
    value: round(wallMs / 1000),
    unit: 's',
    floor: round(floorMs / 1000),
    ratio: round(wallMs / floorMs),
    target: '<= 1.15 × floor',
    met: wallMs <= 1.15 * floorMs && notOnce === 0,
    note: `${note}; floor = ${total} posts / ${GLOBAL_PER_SECOND} per s`,
  };
}

export async function dailyFanout(size: Size): Promise<Figure[]> {
  const servers = size === 'full' ? 100 : 2;
  const channelsPerServer = 10;
  const total = servers * channelsPerServer;
  // Compiled lazily otherwise, during the first post.
  warmUpValidators(['MessageCreateRequest', 'MessageEditRequestPartial']);
  const emulator = await startEmulator({ waitTimeoutMs: 30_000, rateLimits: { globalPerSecond: GLOBAL_PER_SECOND } });
  const layout: { guildId: string; ownerId: string; channels: string[] }[] = [];
  for (let s = 0; s < servers; s++) {
    const guild = emulator.createGuild({ name: `Server ${s}`, botPermissions: BOT_PERMISSIONS });
    const channels = Array.from({ length: channelsPerServer }, (_, c) => emulator.createTextChannel(guild.id, { name: `daily-${c}` }).id);
    layout.push({ guildId: guild.id, ownerId: guild.ownerId, channels });
  }
  const dir = mkdtempSync(join(tmpdir(), 'ai300-fanout-'));
  const bot = await startBot({
    token: emulator.token,
    apiUrl: emulator.apiUrl,
    storeUrl: `sqlite://${join(dir, 'store.sqlite')}`,
    content: loadCheckedContent(),
    logger: silentLogger,
    now: () => NOW,
    random: seededRandom(5),
    startScheduler: false,
  });
  try {
    await Promise.all(
      layout.map(({ guildId, ownerId, channels }) =>
        bot.ctx.daily.store.updateConfig(guildId, (config) => {
          for (const channelId of channels) {
            config.channels[channelId] = { channelId, minutes: 8 * 60, timezone: 'UTC', configuredBy: ownerId, configuredAt: NOW.getTime() - 86_400_000 };
          }
          return { save: true, result: undefined };
        }),
      ),
    );
    const wanted = new Set(layout.flatMap((l) => l.channels));
    const posts = new Map<string, number>();
    let lastPostAt = 0;
    emulator.on('messageCreate', (message) => {
      if (!wanted.has(message.channel_id)) return;
      posts.set(message.channel_id, (posts.get(message.channel_id) ?? 0) + 1);
      lastPostAt = performance.now();
    });
    const requests = new Map<string, number>();
    let rateLimited = 0;
    emulator.on('request', (entry) => {
      const key = `${entry.method} ${entry.route}`;
      requests.set(key, (requests.get(key) ?? 0) + 1);
      if (entry.status === 429) rateLimited++;
    });
    emulator.clearViolations();

    const started = performance.now();
    const result = await bot.scheduler.sweep();
    const sweepMs = performance.now() - started;
    // Anything still in flight (and any second post) would show up here.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const wallMs = (posts.size === total ? lastPostAt : performance.now()) - started;

    const notOnce = [...wanted].filter((channelId) => posts.get(channelId) !== 1 || emulator.messages(channelId).length !== 1).length;
    const requestCount = [...requests.values()].reduce((a, b) => a + b, 0);
    const perPost = requestCount / Math.max(1, posts.size);
    const violations = emulator.violations;
    const breakdown = [...requests].map(([route, n]) => `${route} ${n}`).join(', ');
    const scenario = 'daily fan-out';
    return [
      fanoutTime(
        scenario,
        `wall time until all ${total} posts are out`,
        wallMs,
        total,
        notOnce,
        `${servers} servers × ${channelsPerServer} channels, all due at 08:00 UTC, one scheduler.sweep() (resolved after ${round(sweepMs / 1000)} s); emulator global limit ${GLOBAL_PER_SECOND}/s`,
      ),
      {
        scenario,
        metric: 'channels without exactly one post',
        value: notOnce,
        unit: '',
        target: '0',
        met: notOnce === 0 && result.posted.length === total && result.failed.length === 0,
        note: `sweep result: ${result.posted.length} posted, ${result.failed.length} failed${result.failed.length ? ` (${result.failed[0]!.reason})` : ''}`,
      },
      {
        scenario,
        metric: 'REST requests per post',
        value: round(perPost),
        unit: '',
        target: '1',
        met: perPost <= 1,
        note: breakdown,
      },
      {
        scenario,
        metric: 'emulator violations (429s included)',
        value: violations.length,
        unit: '',
        target: '0',
        met: violations.length === 0,
        ...(violations.length > 0 && { note: `${rateLimited} answered 429; first: ${violations[0]!.method} ${violations[0]!.route} ${violations[0]!.status}` }),
      },
    ];
  } finally {
    await bot.stop();
    await emulator.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
