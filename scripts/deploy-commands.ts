// Registers the slash commands on demand (the bot also does this at start-up), only when they
// differ from what Discord has. REST only: no gateway connection. Uses DISCORD_TOKEN,
// DISCORD_GUILD_ID and DISCORD_API_URL.
import { REST } from 'discord.js';
import { createCommands } from '../src/bot/commands/index.ts';
import { applicationIdOf, syncCommands } from '../src/bot/commandSync.ts';
import { ConfigError, loadDotEnv, parseConfig } from '../src/config.ts';
import { createLogger } from '../src/logger.ts';
import { loadCheckedContent } from '../src/render/contentChecks.ts';

loadDotEnv();
const logger = createLogger('info');
try {
  const config = parseConfig(process.env);
  if (!config.discordToken) {
    logger.error('DISCORD_TOKEN is not set: there is no application to register commands for. See .env.example.');
    process.exit(1);
  }
  const rest = new REST({ api: config.discordApiUrl }).setToken(config.discordToken);
  const commands = createCommands(loadCheckedContent()).map((c) => c.data);
  const result = await syncCommands(rest, await applicationIdOf(rest), commands, createLogger(config.logLevel), config.guildId);
  logger.info({ scope: config.guildId ? `server ${config.guildId}` : 'global' }, `commands ${result}`);
} catch (error) {
  if (error instanceof ConfigError) {
    for (const problem of error.problems) logger.error(`Configuration error: ${problem}`);
    process.exit(1);
  }
  logger.error({ err: error }, 'could not register commands');
  process.exit(1);
}
