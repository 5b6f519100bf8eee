// The discord.js client, set up the same way for Discord, a REST proxy or the emulator: only
// DISCORD_API_URL and the token differ.
import { Client, Events, GatewayIntentBits, Options } from 'discord.js';
import type { Logger } from '../logger.ts';

/**
 * Caches only what the bot reads: servers, channels, roles and its own member (for permission
 * checks). By default discord.js keeps every message, user and member an interaction carries,
 * which the bot never looks up again: memory that grows with activity and objects the garbage
 * collector has to copy on every young-generation pass.
 */
const studyBotCaches = Options.cacheWithLimits({
  ...Options.DefaultMakeCacheSettings,
  MessageManager: 0,
  UserManager: { maxSize: 0, keepOverLimit: (user) => user.id === user.client.user.id },
  GuildMemberManager: { maxSize: 0, keepOverLimit: (member) => member.id === member.client.user.id },
});

export function createClient(apiUrl: string, logger: Logger): Client {
  // Guilds is the only intent needed: slash commands and components arrive without privileged intents.
  // Mentions never ping unless a message says so: replies may echo user text such as "@everyone".
  const client = new Client({
    intents: [GatewayIntentBits.Guilds],
    rest: { api: apiUrl },
    makeCache: studyBotCaches,
    allowedMentions: { parse: [], repliedUser: false },
  });
  client.on(Events.Error, (error) => logger.error({ err: error }, 'client error'));
  client.on(Events.Warn, (message) => logger.warn({ message }, 'client warning'));
  client.rest.on('rateLimited', (info) => logger.debug({ route: info.route, retryAfter: info.retryAfter, global: info.global }, 'rate limited'));
  return client;
}
