// The discord.js client, set up the same way for Discord, a REST proxy or the emulator: only
// DISCORD_API_URL and the token differ.
import { Client, Events, GatewayIntentBits } from 'discord.js';
import type { Logger } from '../logger.ts';

export function createClient(apiUrl: string, logger: Logger): Client {
  // Guilds is the only intent needed: slash commands and components arrive without privileged intents.
  const client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: apiUrl } });
  client.on(Events.Error, (error) => logger.error({ err: error }, 'client error'));
  client.on(Events.Warn, (message) => logger.warn({ message }, 'client warning'));
  client.rest.on('rateLimited', (info) => logger.debug({ route: info.route, retryAfter: info.retryAfter, global: info.global }, 'rate limited'));
  return client;
}
