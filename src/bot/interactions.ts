// The interaction boundary: every interaction is dispatched here and every error is sorted here.
import type { Interaction } from 'discord.js';
import type { BotContext } from './context.ts';
import { replyWithError } from './errors.ts';
import type { SlashCommand } from './commands/types.ts';
import type { createComponentRouter } from './components/router.ts';

export function createInteractionHandler(commands: SlashCommand[], routeComponent: ReturnType<typeof createComponentRouter>, ctx: BotContext) {
  const byName = new Map(commands.map((command) => [command.name, command]));
  return async function handleInteraction(interaction: Interaction): Promise<void> {
    try {
      if (interaction.isAutocomplete()) {
        const command = byName.get(interaction.commandName);
        if (command?.autocomplete) await command.autocomplete(interaction, ctx);
        else await interaction.respond([]);
        return;
      }
      if (interaction.isChatInputCommand()) {
        const command = byName.get(interaction.commandName);
        if (!command) {
          ctx.logger.warn({ command: interaction.commandName }, 'unknown command');
          await replyWithError(interaction, new Error(`unknown command ${interaction.commandName}`), ctx.logger);
          return;
        }
        await command.execute(interaction, ctx);
        return;
      }
      if (interaction.isMessageComponent() || interaction.isModalSubmit()) await routeComponent(interaction, ctx);
    } catch (error) {
      if (interaction.isAutocomplete()) {
        ctx.logger.error({ err: error, interactionId: interaction.id }, 'autocomplete failed');
        await interaction.respond([]).catch(() => undefined);
        return;
      }
      if (interaction.isRepliable()) await replyWithError(interaction, error, ctx.logger);
    }
  };
}
