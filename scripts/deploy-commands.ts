// Registers the slash commands on demand (the bot also does this at start-up), only when they
// differ from what Discord has. Uses DISCORD_TOKEN, DISCORD_GUILD_ID and DISCORD_API_URL.
import { Client, Events, GatewayIntentBits } from 'discord.js';
import { ConfigError, loadDotEnv, parseConfig } from '../src/config.ts';
import { loadCheckedContent } from '../src/render/contentChecks.ts';
import { createCommands } from '../src/bot/commands/index.ts';
import { syncCommands } from '../src/bot/commandSync.ts';
import { createLogger } from '../src/logger.ts';

loadDotEnv();
try {
  const config = parseConfig(process.env);
  if (!config.discordToken) {
    console.error('DISCORD_TOKEN is not set: there is no application to register commands for. See .env.example.');
    process.exit(1);
  }
  const logger = createLogger(config.logLevel);
  const commands = createCommands(loadCheckedContent()).map((c) => c.data);
  const client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: config.discordApiUrl } });
  client.once(Events.ClientReady, async (ready) => {
    try {
      const result = await syncCommands(ready, commands, logger, config.guildId);
      console.log(`Commands ${result} (${config.guildId ? `server ${config.guildId}` : 'global'}).`);
    } finally {
      await client.destroy();
    }
  });
  await client.login(config.discordToken);
} catch (error) {
  if (error instanceof ConfigError) {
    for (const problem of error.problems) console.error(`Configuration error: ${problem}`);
    process.exit(1);
  }
  console.error('Could not register commands:', error instanceof Error ? error.message : error);
  process.exit(1);
}
