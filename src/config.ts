// Configuration is read once from the environment (a .env file is loaded when present),
// typed, and checked: each bad value stops the bot with one clear line.
import { existsSync } from 'node:fs';

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
const LOG_LEVELS: readonly LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

export interface Config {
  /** Absent: the playground runs instead of connecting to Discord. */
  discordToken?: string;
  guildId?: string;
  /** REST base URL; discord.js appends /v10. */
  discordApiUrl: string;
  storeUrl: string;
  logLevel: LogLevel;
  playgroundPort: number;
  /** Set when the bot runs as shards (SHARD_COUNT); absent: one process, no sharding. */
  sharding?: ShardingConfig;
}

export interface ShardingConfig {
  /** How many shards the whole bot has: a number, or Discord's recommendation. */
  count: number | 'auto';
  /** The shards this process group runs (SHARDS); all of them when absent. */
  ids?: number[];
  /** A REST proxy shared by every shard process (DISCORD_REST_PROXY_URL); started here when absent. */
  restProxyUrl?: string;
  /** This process is one shard, spawned by the shard manager (discord.js sets SHARDING_MANAGER). */
  isShardProcess: boolean;
}

export const DEFAULT_API_URL = 'https://discord.com/api';
export const DEFAULT_STORE_URL = 'sqlite://data/ai300.sqlite';

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
    this.name = 'ConfigError';
  }
}

export function loadDotEnv(path = '.env'): void {
  if (existsSync(path)) process.loadEnvFile(path);
}

export function parseConfig(env: NodeJS.ProcessEnv): Config {
  const problems: string[] = [];
  const value = (name: string) => {
    const raw = env[name]?.trim();
    return raw ? raw : undefined;
  };

  const discordToken = value('DISCORD_TOKEN');
  if (discordToken && !/^[\w.-]{20,}$/.test(discordToken)) {
    problems.push('DISCORD_TOKEN does not look like a bot token (copy it from the Bot page of your Discord application)');
  }
  const guildId = value('DISCORD_GUILD_ID');
  if (guildId && !/^\d{17,20}$/.test(guildId)) problems.push(`DISCORD_GUILD_ID must be a server id (17-20 digits), got "${guildId}"`);

  const discordApiUrl = value('DISCORD_API_URL') ?? DEFAULT_API_URL;
  if (!isHttpUrl(discordApiUrl)) problems.push(`DISCORD_API_URL must be an http(s) URL, got "${discordApiUrl}"`);

  const storeUrl = value('STORE_URL') ?? DEFAULT_STORE_URL;
  if (!/^(sqlite:\/\/.+|memory:\/\/|postgres(ql)?:\/\/.+)$/.test(storeUrl)) {
    problems.push(`STORE_URL must be sqlite://<file>, postgres://<user>:<password>@<host>/<database> or memory://, got "${redactPassword(storeUrl)}"`);
  }

  const sharding = parseSharding(value, problems);
  if (sharding && !sharding.isShardProcess && !isSharedStore(storeUrl) && (sharding.count !== 1 || sharding.ids)) {
    problems.push(
      'Several shards need a database they can share: SQLite is a file for one process. Set STORE_URL=postgres://... (see "Running at scale" in the README), or remove SHARD_COUNT and SHARDS.',
    );
  }

  const logLevel = (value('LOG_LEVEL') ?? 'info') as LogLevel;
  if (!LOG_LEVELS.includes(logLevel)) problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got "${logLevel}"`);

  const portRaw = value('PLAYGROUND_PORT') ?? '3000';
  const playgroundPort = Number(portRaw);
  if (!Number.isInteger(playgroundPort) || playgroundPort < 0 || playgroundPort > 65535) {
    problems.push(`PLAYGROUND_PORT must be a port number (0-65535), got "${portRaw}"`);
  }

  if (problems.length > 0) throw new ConfigError(problems);
  return {
    ...(discordToken && { discordToken }),
    ...(guildId && { guildId }),
    discordApiUrl: discordApiUrl.replace(/\/+$/, ''),
    storeUrl,
    logLevel,
    playgroundPort,
    ...(sharding && { sharding }),
  };
}

/** Whether several bot processes (shards) can share this store: PostgreSQL yes, an SQLite file no. */
export function isSharedStore(storeUrl: string): boolean {
  return /^postgres(ql)?:/.test(storeUrl);
}

/** A URL fit for a message: without its password. */
export function redactPassword(url: string): string {
  return url.replace(/\/\/([^:/@]*):[^@]*@/, '//$1:***@');
}

function parseSharding(value: (name: string) => string | undefined, problems: string[]): ShardingConfig | undefined {
  const countRaw = value('SHARD_COUNT');
  const idsRaw = value('SHARDS');
  const proxyRaw = value('DISCORD_REST_PROXY_URL');
  if (!countRaw) {
    if (idsRaw) problems.push('SHARDS needs SHARD_COUNT: the total number of shards of the whole bot');
    return undefined;
  }
  const count = countRaw === 'auto' ? 'auto' : Number(countRaw);
  if (count !== 'auto' && (!Number.isInteger(count) || count < 1)) {
    problems.push(`SHARD_COUNT must be "auto" or a whole number of shards (1 or more), got "${countRaw}"`);
    return undefined;
  }
  let ids: number[] | undefined;
  if (idsRaw) {
    ids = idsRaw.split(',').map((part) => Number(part.trim()));
    if (count === 'auto') problems.push('SHARDS needs a number in SHARD_COUNT: with "auto" the shards of other machines are unknown');
    else if (ids.some((id) => !Number.isInteger(id) || id < 0 || id >= count)) {
      problems.push(`SHARDS must list shard ids from 0 to ${count - 1}, separated by commas, got "${idsRaw}"`);
    }
  }
  if (proxyRaw && !isHttpUrl(proxyRaw)) problems.push(`DISCORD_REST_PROXY_URL must be an http(s) URL, got "${proxyRaw}"`);
  return {
    count,
    ...(ids && { ids }),
    ...(proxyRaw && { restProxyUrl: proxyRaw.replace(/\/+$/, '') }),
    isShardProcess: value('SHARDING_MANAGER') === 'true',
  };
}

function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}
