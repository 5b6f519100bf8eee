import { MessageFlags, type ChatInputCommandInteraction } from 'discord.js';
import type { BotContext } from '../../context.ts';
import { UserError } from '../../errors.ts';

export async function turnDailyOff(interaction: ChatInputCommandInteraction<'cached' | 'raw'>, ctx: BotContext): Promise<void> {
  const channelId = interaction.options.getChannel('channel')?.id ?? interaction.channelId;
  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  const removed = await ctx.daily.store.updateConfig(interaction.guildId, (config) => {
    if (!config.channels[channelId]) return { save: false, result: false };
    delete config.channels[channelId];
    return { save: true, result: true };
  });
  if (!removed) throw new UserError(`<#${channelId}> has no daily question. \`/ai300-daily status\` lists the channels that do.`);
  await interaction.editReply(`Daily question turned off in <#${channelId}>. Past answers stay in everyone's stats.`);
}
