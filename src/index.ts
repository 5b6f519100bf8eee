// Entry point: with DISCORD_TOKEN the bot connects to Discord; without it, the local playground
// starts (an emulated Discord in the browser driving the same bot code). With SHARD_COUNT this
// process starts the shards instead, each of them a process running this same file.
import { ConfigError, loadDotEnv, parseConfig, type Config } from './config.ts';
import { type Content, InvalidContentError, formatProblem } from './content/model.ts';
import { loadContentOffThread } from './loadContentOffThread.ts';
import { createLogger, type Logger } from './logger.ts';

/** Every log line goes through a logger (which redacts tokens), including failures before config is read. */
let logger: Logger = createLogger('info');

async function main(): Promise<void> {
  loadDotEnv();
  let config: Config;
  try {
    config = parseConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      for (const problem of error.problems) logger.error(`Configuration error: ${problem}`);
      process.exit(1);
    }
    throw error;
  }
  logger = createLogger(config.logLevel);
  if (config.discordToken && config.sharding && !config.sharding.isShardProcess) {
    const { startShards } = await import('./sharding.ts');
    const shards = await startShards({ ...config, discordToken: config.discordToken, sharding: config.sharding }, logger);
    onShutdown(() => shards.stop());
    return;
  }
  let content: Content;
  try {
    content = await loadContentOffThread();
  } catch (error) {
    if (error instanceof InvalidContentError) {
      logger.error(`Refusing to start: the content is invalid (${error.problems.length} problems). Fix these and run npm run validate-content:`);
      for (const problem of error.problems) logger.error(`  ${formatProblem(problem)}`);
      process.exit(1);
    }
    throw error;
  }

  if (!config.discordToken) {
    const { startPlayground } = await import('./playground/start.ts');
    await startPlayground({ config, content, logger });
    return;
  }
  const { startBot } = await import('./bot/startBot.ts');
  const bot = await startBot({
    token: config.discordToken,
    apiUrl: config.discordApiUrl,
    storeUrl: config.storeUrl,
    content,
    logger,
    ...(config.guildId && { guildId: config.guildId }),
  });
  onShutdown(() => bot.stop());
}

function onShutdown(stop: () => Promise<void>): void {
  const shutdown = async (signal: string) => {
    logger.info({ signal }, 'shutting down');
    await stop();
    logger.info('stopped');
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
}

process.on('unhandledRejection', (reason) => {
  logger.error({ err: reason }, 'unhandled promise rejection (kept running)');
});

main().catch((error: unknown) => {
  const code = (error as NodeJS.ErrnoException)?.code;
  if (code === 'EADDRINUSE') {
    logger.error(
      `Failed to start: port ${process.env.PLAYGROUND_PORT || 3000} is already in use. Stop the other program, or set PLAYGROUND_PORT to a free port.`,
    );
  } else if (code === 'TokenInvalid' || /invalid token/i.test(String((error as Error)?.message))) {
    logger.error('Failed to start: Discord refused DISCORD_TOKEN. Copy a fresh token from the Bot page of your application.');
  } else {
    logger.error({ err: error }, 'failed to start');
  }
  process.exit(1);
});
