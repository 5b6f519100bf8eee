import { MessageFlags } from 'discord.js';
import { localTime } from '../../../domain/daily/clock.ts';
import { renderDailyNow } from '../../../render/dailyAdmin.ts';
import type { BotContext } from '../../context.ts';
import { describePostError, revealDailyPost, sendDailyPost } from '../../daily/poster.ts';
import { UserError } from '../../errors.ts';
import { freshId } from '../../study/ids.ts';
import type { Subcommand } from '../types.ts';
import { addTargetChannelOption, guildIdOf, missingBotPermissions } from './permissions.ts';

export const postDailyNow: Subcommand = {
  name: 'now',
  description: 'Post a daily question right now (in addition to the scheduled one)',
  worksInDm: false,
  options: addTargetChannelOption,
  execute: postNow,
};

async function postNow(interaction: Parameters<Subcommand['execute']>[0], ctx: BotContext): Promise<void> {
  const guildId = guildIdOf(interaction);
  const channelId = interaction.options.getChannel('channel')?.id ?? interaction.channelId;
  const channel = interaction.guild?.channels.cache.get(channelId);
  if (!channel) throw new UserError('I cannot see that channel. Give me the View Channel permission there, then try again.');
  const missing = missingBotPermissions(channel);
  if (missing.length > 0) throw new UserError(`I cannot post in <#${channelId}>: I am missing **${missing.join('**, **')}** there.`);
  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  const schedule = (await ctx.daily.store.getConfig(guildId)).channels[channelId];
  // An extra post: it does not use up the scheduled one for today, but it does close the open one.
  const now = ctx.now();
  const sent = await sendDailyPost(
    interaction.client,
    ctx,
    guildId,
    channelId,
    freshId(now, ctx.random),
    localTime(now, schedule?.timezone ?? 'UTC').date,
  ).catch((error: unknown) => {
    ctx.logger.warn({ err: error, guildId: guildId, channelId }, 'daily question on demand was refused');
    throw new UserError(`I could not post in <#${channelId}>: ${describePostError(error)}.`);
  });
  if (sent.replacedPostId) {
    await revealDailyPost(interaction.client, ctx, guildId, sent.replacedPostId).catch((error) =>
      ctx.logger.warn({ err: error, guildId: guildId, postId: sent.replacedPostId }, 'could not reveal the previous daily question'),
    );
  }
  await interaction.editReply(renderDailyNow(channelId, schedule !== undefined, sent.replacedPostId !== undefined));
  ctx.logger.info({ guildId: guildId, channelId, postId: sent.post.postId, by: interaction.user.id }, 'daily question posted on demand');
}
