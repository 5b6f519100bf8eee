// Errors are sorted once, at the interaction boundary: a UserError carries text a user may see;
// known Discord API codes and store failures map to friendly text; anything else gets a generic
// message and a log line. Error replies are always ephemeral.
import { DiscordAPIError, MessageFlags, RESTJSONErrorCodes, type RepliableInteraction } from 'discord.js';
import type { Logger } from '../logger.ts';
import { StoreError } from '../store/studyStore.ts';

export class UserError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UserError';
  }
}

const DISCORD_CODES: Record<number, string> = {
  [RESTJSONErrorCodes.UnknownChannel]: 'That channel no longer exists.',
  [RESTJSONErrorCodes.UnknownMessage]: 'That message no longer exists.',
  [RESTJSONErrorCodes.MissingAccess]: 'I cannot see that channel. Give me the View Channel permission there.',
  [RESTJSONErrorCodes.MissingPermissions]: 'I am missing a permission for that. Check my role in this channel.',
};

export function userMessageFor(error: unknown): string {
  if (error instanceof UserError) return error.message;
  if (error instanceof StoreError) return '⚠️ I could not reach my records just now, so nothing was changed. Please try again in a moment.';
  if (error instanceof DiscordAPIError && typeof error.code === 'number' && DISCORD_CODES[error.code]) return DISCORD_CODES[error.code]!;
  return '⚠️ Something went wrong on my side. It has been logged; please try again.';
}

/** Tells the user what went wrong, privately, whatever state the interaction is in. */
export async function replyWithError(interaction: RepliableInteraction, error: unknown, logger: Logger): Promise<void> {
  const content = userMessageFor(error);
  const level = error instanceof UserError ? 'debug' : 'error';
  logger[level](
    {
      err: error instanceof UserError ? undefined : error,
      interactionId: interaction.id,
      guildId: interaction.guildId,
      userId: interaction.user.id,
      kind: interaction.isChatInputCommand()
        ? `/${interaction.commandName} ${interaction.options.getSubcommand(false) ?? ''}`.trim()
        : interaction.isMessageComponent()
          ? interaction.customId
          : interaction.type,
    },
    error instanceof UserError ? 'refused interaction' : 'interaction failed',
  );
  try {
    if (!interaction.deferred && !interaction.replied) {
      await interaction.reply({ content, flags: MessageFlags.Ephemeral });
      return;
    }
    // A public deferred reply must not turn into a public error: drop it and answer privately.
    if (interaction.deferred && !interaction.replied && interaction.isChatInputCommand() && !interaction.ephemeral) {
      await interaction.deleteReply().catch(() => undefined);
    }
    if (interaction.deferred && interaction.ephemeral && !interaction.replied) {
      await interaction.editReply({ content, embeds: [], components: [] });
      return;
    }
    await interaction.followUp({ content, flags: MessageFlags.Ephemeral });
  } catch (replyError) {
    logger.warn({ err: replyError, interactionId: interaction.id }, 'could not deliver error message');
  }
}
