import type { Subcommand } from '../types.ts';
import { renderHelp } from '../../../render/help.ts';
import { addPrivateOption, visibility } from '../options.ts';
import { ai300Subcommands } from './registry.ts';
import { forDiscord } from '../../payload.ts';

export const help: Subcommand = {
  name: 'help',
  description: 'What this bot does and every command',
  usage: '/ai300 help',
  worksInDm: true,
  options: (builder) => addPrivateOption(builder),
  async execute(interaction, ctx) {
    const entries = [
      ...ai300Subcommands().map((sub) => ({ usage: sub.usage, summary: sub.description })),
      { usage: '/ai300-daily set | off | status | now', summary: 'Admins: a daily question in a channel, aimed at its weakest domain' },
    ];
    await interaction.reply({ ...forDiscord(renderHelp(entries, ctx.content.questions.length)), ...visibility(interaction) });
  },
};
