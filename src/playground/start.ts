// `npm start` without a token: the emulator, the real bot against it, and the page that lets
// you use the bot as in Discord. Only the address the bot talks to is different.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Config } from '../config.ts';
import type { Content } from '../content/load.ts';
import type { Logger } from '../logger.ts';
import { startEmulator } from '@ai300/discord-emulator';
import { startBot } from '../bot/startBot.ts';
import { createPlaygroundServer } from './server.ts';
import { nextPost } from '../domain/daily/schedule.ts';
import { type WorldIds, createStudyWorld, worldIds } from './world.ts';

export const PLAYGROUND_STORE_URL = 'sqlite://data/playground.sqlite';

/**
 * The playground keeps a member's progress across restarts: the world's ids are saved beside the
 * store file and reused. A store without readable ids cannot be matched to anyone, so it is cleared
 * and the playground says that it starts fresh.
 */
function rememberedWorld(storeUrl: string, say: (line: string) => void): { ids?: WorldIds; save(ids: WorldIds): void } {
  if (!storeUrl.startsWith('sqlite://')) return { save: () => undefined };
  const storeFile = storeUrl.slice('sqlite://'.length);
  const idsFile = `${storeFile}.world.json`;
  let ids: WorldIds | undefined;
  try {
    const parsed = JSON.parse(readFileSync(idsFile, 'utf8')) as WorldIds;
    if (typeof parsed.guildId === 'string' && parsed.memberIds?.length === 3 && parsed.channelIds?.length === 2) ids = parsed;
  } catch {
    // No ids saved yet, or unreadable: handled below.
  }
  if (!ids && existsSync(storeFile)) {
    say(`  Starting a fresh playground: ${storeFile} has no saved server to go with it, so it was cleared.`);
    for (const file of [storeFile, `${storeFile}-wal`, `${storeFile}-shm`]) rmSync(file, { force: true });
  }
  return {
    ...(ids && { ids }),
    save: (next) => {
      mkdirSync(dirname(idsFile), { recursive: true });
      writeFileSync(idsFile, `${JSON.stringify(next, null, 2)}\n`);
    },
  };
}

export async function startPlayground(options: {
  config: Config;
  content: Content;
  logger: Logger;
  storeUrl?: string;
  quiet?: boolean;
}): Promise<{ url: string; stop(): Promise<void> }> {
  const { config, content, logger } = options;
  const storeUrl = options.storeUrl ?? PLAYGROUND_STORE_URL;
  const remembered = rememberedWorld(storeUrl, (line) => {
    if (!options.quiet) console.log(line);
  });
  const emulator = await startEmulator();
  const world = createStudyWorld(emulator, undefined, remembered.ids);
  remembered.save(worldIds(world));
  let offsetMs = 0;
  const now = () => new Date(Date.now() + offsetMs);
  mkdirSync('data', { recursive: true });
  const bot = await startBot({
    token: emulator.token,
    apiUrl: emulator.apiUrl,
    storeUrl,
    guildId: world.guildId,
    content,
    logger,
    now,
  });
  const server = createPlaygroundServer(
    emulator,
    world,
    {
      now,
      advanceClock: (ms) => {
        offsetMs += ms;
      },
      sweep: async () => {
        const result = await bot.scheduler.sweep();
        // What is scheduled next, so a sweep that posted nothing can say when something will be due.
        const schedules = Object.values((await bot.ctx.daily.store.getConfig(world.guildId)).channels);
        const upcoming = schedules.map((schedule) => {
          const next = nextPost(schedule, now());
          return { channelId: schedule.channelId, at: next.dueNow ? now().toISOString() : next.at.toISOString(), timezone: schedule.timezone };
        });
        return { posted: result.posted.length, failed: result.failed.map((f) => f.reason), upcoming };
      },
    },
    logger,
  );
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.playgroundPort, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.playgroundPort;
  const url = `http://127.0.0.1:${port}`;
  if (!options.quiet) {
    console.log(`\n  AI-300 study bot playground: ${url}\n`);
    console.log('  Open it in your browser and type /ai300 quiz. You act as Ana (admin), Ben or Chloé.');
    console.log('  To go live: put DISCORD_TOKEN=<your bot token> in .env (see .env.example and the README) and run npm start again.\n');
  }
  const stop = async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await bot.stop();
    await emulator.close();
  };
  if (!options.quiet) {
    const stopOn = (signal: string) => {
      options.logger.info({ signal }, 'shutting down the playground');
      void stop().then(() => {
        options.logger.info('stopped');
        process.exit(0);
      });
    };
    process.once('SIGINT', () => stopOn('SIGINT'));
    process.once('SIGTERM', () => stopOn('SIGTERM'));
  }
  return { url, stop };
}
