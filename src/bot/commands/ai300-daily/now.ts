import { MessageFlags, type ChatInputCommandInteraction } from 'discord.js';
import { localTime } from '../../../domain/daily/clock.ts';
import type { BotContext } from '../../context.ts';
import { UserError } from '../../errors.ts';
import { newPostId, sendDailyPost } from '../../daily/poster.ts';
import { missingBotPermissions } from './permissions.ts';

export async function postDailyNow(interaction: ChatInputCommandInteraction<'cached' | 'raw'>, ctx: BotContext): Promise<void> {
  const channelId = interaction.options.getChannel('channel')?.id ?? interaction.channelId;
  const channel = interaction.guild?.channels.cache.get(channelId);
  if (!channel) throw new UserError('I cannot see that channel. Give me the View Channel permission there, then try again.');
  const missing = missingBotPermissions(channel);
  if (missing.length > 0) throw new UserError(`I cannot post in <#${channelId}>: I am missing **${missing.join('**, **')}** there.`);
  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  const schedule = (await ctx.daily.store.getConfig(interaction.guildId)).channels[channelId];
  // An extra post: it does not use up the scheduled one for today.
  const post = await sendDailyPost(interaction.client, ctx, interaction.guildId, channelId, newPostId(ctx), localTime(ctx.now(), schedule?.timezone ?? 'UTC').date);
  await interaction.editReply(`Posted a daily question in <#${channelId}>${schedule ? '; the scheduled one still comes at its time.' : '.'}`);
  ctx.logger.info({ guildId: interaction.guildId, channelId, postId: post.postId, by: interaction.user.id }, 'daily question posted on demand');
}
