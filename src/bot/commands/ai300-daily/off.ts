import { MessageFlags } from 'discord.js';
import { renderDailyOff } from '../../../render/dailyAdmin.ts';
import type { BotContext } from '../../context.ts';
import { revealDailyPost } from '../../daily/poster.ts';
import { UserError } from '../../errors.ts';
import type { Subcommand } from '../types.ts';
import { addTargetChannelOption, guildIdOf } from './permissions.ts';

/** Stops the schedule and closes the channel's open post, so no question is left with live buttons. */
export const turnDailyOff: Subcommand = {
  name: 'off',
  description: 'Stop the daily question in a channel',
  worksInDm: false,
  options: addTargetChannelOption,
  execute: turnOff,
};

async function turnOff(interaction: Parameters<Subcommand['execute']>[0], ctx: BotContext): Promise<void> {
  const guildId = guildIdOf(interaction);
  const channelId = interaction.options.getChannel('channel')?.id ?? interaction.channelId;
  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  const removed = await ctx.daily.store.updateConfig(guildId, (config) => {
    if (!config.channels[channelId]) return { save: false, result: false };
    delete config.channels[channelId];
    return { save: true, result: true };
  });
  const openPostId = await ctx.daily.store.closeOpenPost(guildId, channelId);
  if (!removed && !openPostId) throw new UserError(`<#${channelId}> has no daily question. \`/ai300-daily status\` lists the channels that do.`);
  if (openPostId) {
    await revealDailyPost(interaction.client, ctx, guildId, openPostId).catch((error) =>
      ctx.logger.warn({ err: error, guildId: guildId, postId: openPostId }, 'could not reveal the open daily question'),
    );
  }
  await interaction.editReply(renderDailyOff(channelId, openPostId !== undefined));
}
