import { MessageFlags, type ChatInputCommandInteraction } from 'discord.js';
import { renderDailyOff } from '../../../render/dailyAdmin.ts';
import type { BotContext } from '../../context.ts';
import { revealDailyPost } from '../../daily/poster.ts';
import { UserError } from '../../errors.ts';

/** Stops the schedule and closes the channel's open post, so no question is left with live buttons. */
export async function turnDailyOff(interaction: ChatInputCommandInteraction<'cached' | 'raw'>, ctx: BotContext): Promise<void> {
  const channelId = interaction.options.getChannel('channel')?.id ?? interaction.channelId;
  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  const removed = await ctx.daily.store.updateConfig(interaction.guildId, (config) => {
    if (!config.channels[channelId]) return { save: false, result: false };
    delete config.channels[channelId];
    return { save: true, result: true };
  });
  const openPostId = await ctx.daily.store.closeOpenPost(interaction.guildId, channelId);
  if (!removed && !openPostId) throw new UserError(`<#${channelId}> has no daily question. \`/ai300-daily status\` lists the channels that do.`);
  if (openPostId) {
    await revealDailyPost(interaction.client, ctx, interaction.guildId, openPostId).catch((error) =>
      ctx.logger.warn({ err: error, guildId: interaction.guildId, postId: openPostId }, 'could not reveal the open daily question'),
    );
  }
  await interaction.editReply(renderDailyOff(channelId, openPostId !== undefined));
}
