import { MessageFlags, type MessageComponentInteraction } from 'discord.js';

/** Refuses, politely and privately, a click on someone else's buttons. Returns true when refused. */
export async function refuseStranger(interaction: MessageComponentInteraction, ownerId: string, hint: string): Promise<boolean> {
  if (interaction.user.id === ownerId) return false;
  await interaction.reply({ flags: MessageFlags.Ephemeral, content: `These buttons belong to <@${ownerId}>. ${hint}`, allowedMentions: { parse: [] } });
  return true;
}
