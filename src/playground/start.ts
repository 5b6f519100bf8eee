// `npm start` without a token: the emulator, the real bot against it, and the page that lets
// you use the bot as in Discord. Only the address the bot talks to is different.
import { mkdirSync } from 'node:fs';
import type { Config } from '../config.ts';
import type { Content } from '../content/load.ts';
import type { Logger } from '../logger.ts';
import { startEmulator } from '../emulator/index.ts';
import { startBot } from '../bot/startBot.ts';
import { createPlaygroundServer } from './server.ts';
import { createStudyWorld } from './world.ts';

export const PLAYGROUND_STORE_URL = 'sqlite://data/playground.sqlite';

export async function startPlayground(options: {
  config: Config;
  content: Content;
  logger: Logger;
  storeUrl?: string;
  quiet?: boolean;
}): Promise<{ url: string; stop(): Promise<void> }> {
  const { config, content, logger } = options;
  const emulator = await startEmulator();
  const world = createStudyWorld(emulator);
  let offsetMs = 0;
  const now = () => new Date(Date.now() + offsetMs);
  mkdirSync('data', { recursive: true });
  const bot = await startBot({
    token: emulator.token,
    apiUrl: emulator.apiUrl,
    storeUrl: options.storeUrl ?? PLAYGROUND_STORE_URL,
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
        return { posted: result.posted.length, failed: result.failed.map((f) => f.reason) };
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
