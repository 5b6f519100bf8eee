import type { ComponentHandler } from './types.ts';
import { guildKey } from '../../study/ids.ts';
import { refuseStranger } from './owner.ts';
import { updateWith } from '../../respond.ts';

export const onForget: ComponentHandler<'forget'> = async (interaction, id, ctx) => {
  if (await refuseStranger(interaction, id.ownerId, 'Only they can erase their records.')) return;
  if (!id.confirm) {
    await interaction.update({ content: 'Nothing was erased.', components: [] });
    return;
  }
  await updateWith(interaction, ctx, async () => {
    await ctx.store.forget(guildKey(interaction), id.ownerId);
    await ctx.exams.forget(guildKey(interaction), id.ownerId);
    ctx.logger.info({ guildId: interaction.guildId, userId: id.ownerId }, 'learner records erased on request');
    return { show: { content: '🗑️ Your records in this server are erased. Your next answer starts a fresh record.', embeds: [], components: [] } };
  });
};
