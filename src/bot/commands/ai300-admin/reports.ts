import { renderReportsPage } from '../../../render/report.ts';
import { replyWith } from '../../respond.ts';
import { guildKey } from '../../study/ids.ts';
import type { Subcommand } from '../types.ts';

export const reports: Subcommand = {
  name: 'reports',
  description: "Members' reports of problems with questions in this server, newest first",
  worksInDm: false,
  options: (builder) => builder.addIntegerOption((o) => o.setName('page').setDescription('Page number (default 1)').setMinValue(1).setMaxValue(1000)),
  async execute(interaction, ctx) {
    const page = (interaction.options.getInteger('page') ?? 1) - 1;
    await replyWith(
      interaction,
      ctx,
      async () => renderReportsPage(ctx.content, await ctx.reports.forGuild(guildKey(interaction)), page, interaction.user.id),
      {
        ephemeral: true,
      },
    );
  },
};
