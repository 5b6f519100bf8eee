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
  if (!/^(sqlite|memory):/.test(storeUrl)) problems.push(`STORE_URL must start with sqlite:// or be memory://, got "${storeUrl}"`);

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
