import { describe, expect, it } from 'vitest';
import { ConfigError, DEFAULT_API_URL, DEFAULT_STORE_URL, parseConfig } from '../../src/config.ts';

function problems(env: Record<string, string>): string[] {
  try {
    parseConfig(env);
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
}

describe('configuration', () => {
  it('has sensible defaults: no token means the playground', () => {
    expect(parseConfig({})).toEqual({ discordApiUrl: DEFAULT_API_URL, storeUrl: DEFAULT_STORE_URL, logLevel: 'info', playgroundPort: 3000 });
  });

  it('reads every variable', () => {
    const config = parseConfig({
      DISCORD_TOKEN: 'MTE4MDAwMDAwMDAwMDAwMDAwMQ.Gabcde.abcdefghijklmnopqrstuvwxyz0123456789',
      DISCORD_GUILD_ID: '123456789012345678',
      DISCORD_API_URL: 'http://127.0.0.1:8080/api/',
      STORE_URL: 'sqlite://var/bot.sqlite',
      LOG_LEVEL: 'debug',
      PLAYGROUND_PORT: '4000',
    });
    expect(config).toMatchObject({
      guildId: '123456789012345678',
      discordApiUrl: 'http://127.0.0.1:8080/api',
      storeUrl: 'sqlite://var/bot.sqlite',
      logLevel: 'debug',
      playgroundPort: 4000,
    });
  });

  it('reports each bad value on its own line, naming the variable', () => {
    expect(
      problems({
        DISCORD_TOKEN: 'short',
        DISCORD_GUILD_ID: 'my-server',
        DISCORD_API_URL: 'discord.com',
        STORE_URL: 'mysql://bot:secret@db.local/ai300',
        LOG_LEVEL: 'loud',
        PLAYGROUND_PORT: '70000',
      }),
    ).toEqual([
      'DISCORD_TOKEN does not look like a bot token (copy it from the Bot page of your Discord application)',
      'DISCORD_GUILD_ID must be a server id (17-20 digits), got "my-server"',
      'DISCORD_API_URL must be an http(s) URL, got "discord.com"',
      'STORE_URL must be sqlite://<file>, postgres://<user>:<password>@<host>/<database> or memory://, got "mysql://bot:***@db.local/ai300"',
      'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent, got "loud"',
      'PLAYGROUND_PORT must be a port number (0-65535), got "70000"',
    ]);
  });

  it('reads sharding: SHARD_COUNT, SHARDS and a shared REST proxy, and nothing changes without them', () => {
    const pg = 'postgres://bot:pw@db.local/ai300';
    expect(parseConfig({ STORE_URL: pg }).sharding).toBeUndefined();
    expect(parseConfig({ STORE_URL: pg, SHARD_COUNT: 'auto' }).sharding).toEqual({ count: 'auto', isShardProcess: false });
    expect(parseConfig({ STORE_URL: pg, SHARD_COUNT: '4', SHARDS: '0, 1', DISCORD_REST_PROXY_URL: 'http://10.0.0.5:8080/' }).sharding).toEqual({
      count: 4,
      ids: [0, 1],
      restProxyUrl: 'http://10.0.0.5:8080',
      isShardProcess: false,
    });
    // What discord.js gives a shard process it spawns.
    expect(parseConfig({ STORE_URL: pg, SHARD_COUNT: '4', SHARDS: '2', SHARDING_MANAGER: 'true' }).sharding).toMatchObject({ ids: [2], isShardProcess: true });
  });

  it('refuses bad sharding settings, and SQLite under more than one shard', () => {
    const pg = 'postgres://bot:pw@db.local/ai300';
    expect(problems({ STORE_URL: pg, SHARD_COUNT: 'many' })).toEqual(['SHARD_COUNT must be "auto" or a whole number of shards (1 or more), got "many"']);
    expect(problems({ STORE_URL: pg, SHARDS: '0' })).toEqual(['SHARDS needs SHARD_COUNT: the total number of shards of the whole bot']);
    expect(problems({ STORE_URL: pg, SHARD_COUNT: '2', SHARDS: '1,2' })).toEqual(['SHARDS must list shard ids from 0 to 1, separated by commas, got "1,2"']);
    expect(problems({ STORE_URL: pg, SHARD_COUNT: 'auto', SHARDS: '0' })).toEqual([
      'SHARDS needs a number in SHARD_COUNT: with "auto" the shards of other machines are unknown',
    ]);
    const sqlite = problems({ SHARD_COUNT: '2' });
    expect(sqlite).toHaveLength(1);
    expect(sqlite[0]).toMatch(/^Several shards need a database they can share: SQLite is a file for one process\. Set STORE_URL=postgres:/);
    // One shard is one process: SQLite is fine.
    expect(problems({ SHARD_COUNT: '1' })).toEqual([]);
  });

  it('never puts the token in an error message', () => {
    const token = 'not a token but secret-ish';
    expect(problems({ DISCORD_TOKEN: token }).join('\n')).not.toContain(token);
  });
});
