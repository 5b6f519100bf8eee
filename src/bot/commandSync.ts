// Registers the commands only when they differ from what Discord already has, so restarts do
// not churn Discord's command cache.
import type { ApplicationCommand, Client, RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord.js';
import type { Logger } from '../logger.ts';

export async function syncCommands(
  client: Client<true>,
  commands: RESTPostAPIChatInputApplicationCommandsJSONBody[],
  logger: Logger,
  guildId?: string,
): Promise<'unchanged' | 'updated'> {
  const manager = client.application.commands;
  const existing = guildId ? await manager.fetch({ guildId }) : await manager.fetch();
  const same =
    existing.size === commands.length &&
    commands.every((wanted) => existing.some((have: ApplicationCommand) => have.name === wanted.name && have.equals(wanted as never, true)));
  if (same) {
    logger.info({ scope: guildId ?? 'global', count: commands.length }, 'commands already up to date');
    return 'unchanged';
  }
  if (guildId) await manager.set(commands, guildId);
  else await manager.set(commands);
  logger.info({ scope: guildId ?? 'global', count: commands.length }, 'commands registered');
  return 'updated';
}
