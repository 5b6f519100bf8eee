// Running the bot as shards: discord.js's ShardingManager starts one process per shard, each the
// same bot (src/index.ts) on the same PostgreSQL store. Discord's global rate limit (50 requests
// per second) belongs to the whole bot, not to each shard, so every shard sends its REST requests
// through one proxy (@discordjs/proxy) whose single queue keeps the whole bot within it.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { buffer } from 'node:stream/consumers';
import { fileURLToPath } from 'node:url';
import { populateErrorResponse, populateSuccessfulResponse } from '@discordjs/proxy';
import { Routes, type RESTGetAPIGatewayBotResult } from 'discord-api-types/v10';
import { REST, type RequestMethod, type RouteLike, ShardingManager } from 'discord.js';
import { type Config, isSharedStore, type ShardingConfig } from './config.ts';
import type { Logger } from './logger.ts';

export interface RestProxy {
  /** What a shard uses as DISCORD_API_URL. */
  url: string;
  close(): Promise<void>;
}

/** A REST proxy to `apiUrl` on this machine; `port` 0 picks a free one. */
export async function startRestProxy(apiUrl: string, logger: Logger, port = 0, host = '127.0.0.1'): Promise<RestProxy> {
  // The proxy forwards each shard's own Authorization header; its one queue applies the limits.
  // Each new second of the global budget starts 100 ms after the last one ran out (discord.js:
  // 50 ms): a busy machine delays requests unevenly, and a request counted in the wrong second
  // costs a 429. Measured: 15 429s in a 10,000-post fan-out at 50 ms on a loaded machine.
  const rest = new REST({ api: apiUrl, globalRequestsPerSecond: 50, offset: 100 });
  rest.on('rateLimited', (info) =>
    logger.debug({ route: info.route, retryAfter: info.retryAfter, global: info.global }, 'REST proxy waiting for a rate limit'),
  );
  const handle = forwardTo(rest);
  const server: Server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
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

/**
 * @discordjs/proxy's request handler, except that the body is read whole before the request is
 * queued: a request Discord answers with 429 is sent again, and a body passed on as a stream would
 * be sent again empty.
 */
function forwardTo(rest: REST) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://proxy.invalid');
    const headers: Record<string, string> = {};
    if (req.headers['content-type']) headers['Content-Type'] = req.headers['content-type'];
    if (req.headers.authorization) headers.authorization = req.headers.authorization;
    if (typeof req.headers['x-audit-log-reason'] === 'string') headers['x-audit-log-reason'] = req.headers['x-audit-log-reason'];
    const body = await buffer(req);
    try {
      const response = await rest.queueRequest({
        fullRoute: url.pathname.replace(/^\/api(\/v\d+)?/, '') as RouteLike,
        method: req.method as RequestMethod,
        // The shard's own Authorization header is forwarded above.
        auth: false,
        ...(body.length > 0 && { body, passThroughBody: true }),
        query: url.searchParams,
        headers,
      });
      await populateSuccessfulResponse(res, response);
    } catch (error) {
      if (!populateErrorResponse(res, error)) throw error;
    } finally {
      res.end();
    }
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
  if (totalShards > 1 && !isSharedStore(config.storeUrl)) {
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
