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
        STORE_URL: 'postgres://x',
        LOG_LEVEL: 'loud',
        PLAYGROUND_PORT: '70000',
      }),
    ).toEqual([
      'DISCORD_TOKEN does not look like a bot token (copy it from the Bot page of your Discord application)',
      'DISCORD_GUILD_ID must be a server id (17-20 digits), got "my-server"',
      'DISCORD_API_URL must be an http(s) URL, got "discord.com"',
      'STORE_URL must start with sqlite:// or be memory://, got "postgres://x"',
      'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent, got "loud"',
      'PLAYGROUND_PORT must be a port number (0-65535), got "70000"',
    ]);
  });

  it('never puts the token in an error message', () => {
    const token = 'not a token but secret-ish';
    expect(problems({ DISCORD_TOKEN: token }).join('\n')).not.toContain(token);
  });
});
