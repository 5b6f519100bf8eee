import type { ComponentHandler } from './types.ts';
import { leaderboardPage } from '../../commands/ai300/leaderboard.ts';
import { UserError } from '../../errors.ts';
import { refuseStranger } from './owner.ts';
import { updateWith } from '../../respond.ts';

export const onLeaderboardPage: ComponentHandler<'leaderboard'> = async (interaction, id, ctx) => {
  if (!interaction.inGuild()) throw new UserError('Leaderboards exist only in servers.');
  if (await refuseStranger(interaction, id.ownerId, 'Open your own view with `/ai300 leaderboard`.')) return;
  await updateWith(interaction, ctx, async () => ({
    show: await leaderboardPage(interaction, ctx, { period: id.period, page: id.page, ...(id.domain && { domain: id.domain }) }),
  }));
};
