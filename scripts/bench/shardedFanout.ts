// Daily fan-out across shards: 10,000 channels (1,000 servers) due in the same minute, the bot run
// as 4 shard processes (npm start's sharding: ShardingManager, one REST proxy) on PostgreSQL,
// against the emulator enforcing Discord's global limit of 50 requests per second per bot.
// Floor: 10,000 posts at 50 per second = 200 s. Measured from the first post to the last.
import { setTimeout as sleep } from 'node:timers/promises';
import { startEmulator, warmUpValidators } from '@ai300/discord-emulator';
import { localTime } from '../../src/domain/daily/clock.ts';
import { DailyStore } from '../../src/store/dailyStore.ts';
import { openKeyValue } from '../../src/store/kv.ts';
import { createTestDatabase, startPostgresServer } from '../../test/helpers/postgresServer.ts';
import { startShardedBot, type ShardedBot } from '../../test/helpers/shardedBot.ts';
import { BOT_PERMISSIONS } from '../../test/helpers/studyWorld.ts';
import { GLOBAL_PER_SECOND, fanoutTime } from './fanout.ts';
import type { Figure, Size } from './measure.ts';

export async function shardedFanout(size: Size): Promise<Figure[]> {
  const shards = size === 'full' ? 4 : 2;
  const servers = size === 'full' ? 1_000 : 4;
  const channelsPerServer = 10;
  const total = servers * channelsPerServer;
  warmUpValidators(['MessageCreateRequest', 'MessageEditRequestPartial']);
  const emulator = await startEmulator({ waitTimeoutMs: 60_000, recommendedShards: shards, rateLimits: { globalPerSecond: GLOBAL_PER_SECOND } });
  const postgres = await startPostgresServer();
  let bot: ShardedBot | undefined;
  try {
    const storeUrl = await createTestDatabase(postgres.adminUrl, 'bench_fanout');
    // Due a minute ago (local time well away from midnight), so each shard's first sweep posts on time.
    const now = new Date();
    const timezone = now.getUTCHours() >= 1 ? 'UTC' : 'Asia/Tokyo';
    const minutes = localTime(now, timezone).minutes - 1;
    const kv = await openKeyValue(storeUrl);
    const daily = new DailyStore(kv);
    const wanted = new Set<string>();
    for (let s = 0; s < servers; s++) {
      const guild = emulator.createGuild({ name: `Server ${s}`, botPermissions: BOT_PERMISSIONS });
      const channels = Array.from({ length: channelsPerServer }, (_, c) => emulator.createTextChannel(guild.id, { name: `daily-${c}` }).id);
      for (const channel of channels) wanted.add(channel);
      await daily.updateConfig(guild.id, (config) => {
        for (const channelId of channels)
          config.channels[channelId] = { channelId, minutes, timezone, configuredBy: guild.ownerId, configuredAt: now.getTime() };
        return { save: true, result: undefined };
      });
    }
    await kv.close();

    const posts = new Map<string, number>();
    let firstPostAt = 0;
    let lastPostAt = 0;
    emulator.on('messageCreate', (message) => {
      if (!wanted.has(message.channel_id)) return;
      posts.set(message.channel_id, (posts.get(message.channel_id) ?? 0) + 1);
      lastPostAt = performance.now();
      firstPostAt ||= lastPostAt;
    });
    let rateLimited = 0;
    emulator.on('request', (entry) => {
      if (entry.status === 429) rateLimited++;
    });

    bot = startShardedBot({ emulator, storeUrl, shardCount: shards, logLevel: 'warn' });
    // Every channel posted, or no new post for a minute.
    const deadline = () => Math.max(lastPostAt, firstPostAt) + 60_000;
    const started = performance.now();
    while (posts.size < total && performance.now() < (firstPostAt ? deadline() : started + 180_000)) await sleep(250);
    // A second post to any channel would show up here.
    await sleep(2_000);

    const notOnce = [...wanted].filter((channelId) => posts.get(channelId) !== 1).length;
    const violations = emulator.violations.filter((v) => v.kind === 'request');
    const scenario = 'sharded daily fan-out';
    return [
      fanoutTime(
        scenario,
        `first to last of ${total} posts, ${shards} shards`,
        lastPostAt - firstPostAt,
        total,
        notOnce,
        `${servers} servers × ${channelsPerServer} channels on PostgreSQL; shard processes under ShardingManager, REST through one proxy`,
      ),
      { scenario, metric: 'channels without exactly one post', value: notOnce, unit: '', target: '0', met: notOnce === 0 },
      {
        scenario,
        metric: 'responses 429',
        value: rateLimited,
        unit: '',
        target: '0',
        met: rateLimited === 0 && violations.length === 0,
        ...(violations.length > 0 && {
          note: `${violations.length} violations; first: ${violations[0]!.method} ${violations[0]!.route} ${violations[0]!.status}`,
        }),
      },
    ];
  } finally {
    await bot?.stop();
    await emulator.close();
    await postgres.stop();
  }
}
