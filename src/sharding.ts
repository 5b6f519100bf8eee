// Running the bot as shards: discord.js's ShardingManager starts one process per shard, each the
// same bot (src/index.ts) on the same PostgreSQL store. Discord's global rate limit (50 requests
// per second) belongs to the whole bot, not to each shard, so every shard sends its REST requests
// through one proxy (@discordjs/proxy) whose single queue keeps the whole bot within it.
import { createServer, type Server } from 'node:http';
import { fileURLToPath } from 'node:url';
import { proxyRequests } from '@discordjs/proxy';
import { Routes, type RESTGetAPIGatewayBotResult } from 'discord-api-types/v10';
import { REST, ShardingManager } from 'discord.js';
import type { Config, ShardingConfig } from './config.ts';
import type { Logger } from './logger.ts';

export interface RestProxy {
  /** What a shard uses as DISCORD_API_URL. */
  url: string;
  close(): Promise<void>;
}

/** A REST proxy to `apiUrl` on this machine; `port` 0 picks a free one. */
export async function startRestProxy(apiUrl: string, logger: Logger, port = 0, host = '127.0.0.1'): Promise<RestProxy> {
  // The proxy forwards each shard's own Authorization header; its one queue applies the limits.
  const rest = new REST({ api: apiUrl, globalRequestsPerSecond: 50 });
  rest.on('rateLimited', (info) =>
    logger.debug({ route: info.route, retryAfter: info.retryAfter, global: info.global }, 'REST proxy waiting for a rate limit'),
  );
  const handle = proxyRequests(rest);
  const server: Server = createServer((req, res) => {
    Promise.resolve(handle(req, res)).catch((error: unknown) => {
      logger.error({ err: error, method: req.method }, 'REST proxy request failed');
      if (!res.headersSent) res.statusCode = 502;
      res.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
  const { port: bound } = server.address() as { port: number };
  return {
    url: `http://${host}:${bound}/api`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

async function recommendedShardCount(token: string, apiUrl: string): Promise<number> {
  const rest = new REST({ api: apiUrl }).setToken(token);
  const gateway = (await rest.get(Routes.gatewayBot())) as RESTGetAPIGatewayBotResult;
  return gateway.shards;
}

export interface RunningShards {
  manager: ShardingManager;
  proxy?: RestProxy;
  stop(): Promise<void>;
}

/** Starts this process group's shards, each a process running src/index.ts. */
export async function startShards(config: Config & { discordToken: string; sharding: ShardingConfig }, logger: Logger): Promise<RunningShards> {
  const { sharding } = config;
  const totalShards = sharding.count === 'auto' ? await recommendedShardCount(config.discordToken, config.discordApiUrl) : sharding.count;
  if (totalShards > 1 && !/^postgres/.test(config.storeUrl)) {
    throw new Error(`Discord recommends ${totalShards} shards, and several shards need STORE_URL=postgres://... (SQLite is a file for one process).`);
  }
  const proxy = sharding.restProxyUrl ? undefined : await startRestProxy(config.discordApiUrl, logger);
  const apiUrl = sharding.restProxyUrl ?? proxy!.url;
  // The same entry point as this process: compiled JavaScript, or TypeScript under tsx (whose
  // loader flags, like the memory flags of `npm start`, are in execArgv and reach every shard).
  const entry = fileURLToPath(new URL(import.meta.url.endsWith('.ts') ? './index.ts' : './index.js', import.meta.url));
  const manager = new ShardingManager(entry, {
    token: config.discordToken,
    totalShards,
    ...(sharding.ids && { shardList: sharding.ids }),
    mode: 'process',
    respawn: true,
    execArgv: process.execArgv,
  });
  manager.on('shardCreate', (shard) => {
    // Every shard's REST goes through the shared proxy.
    shard.env = { ...(shard.env as Record<string, string>), DISCORD_API_URL: apiUrl };
    shard.on('death', (child) => logger.warn({ shard: shard.id, exitCode: 'exitCode' in child ? child.exitCode : undefined }, 'shard stopped; restarting it'));
    shard.on('ready', () => logger.info({ shard: shard.id, pid: shard.process?.pid }, 'shard ready'));
  });
  logger.info({ totalShards, here: sharding.ids ?? 'all', restProxy: proxy ? 'started here' : apiUrl }, 'starting shards');
  // Discord lets a bot identify one shard per 5 seconds; discord.js spaces them that way.
  await manager.spawn({ amount: totalShards, timeout: 60_000 });
  return {
    manager,
    ...(proxy && { proxy }),
    async stop() {
      manager.respawn = false;
      await Promise.all(
        [...manager.shards.values()].map(async (shard) => {
          const exited = new Promise((resolve) => (shard.process ? shard.process.once('exit', resolve) : resolve(undefined)));
          shard.process?.kill('SIGTERM');
          await exited;
        }),
      );
      await proxy?.close();
    },
  };
}
