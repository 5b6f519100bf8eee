import type { HelpEntry } from '../../../render/help.ts';
import { renderHelp } from '../../../render/help.ts';
import { forDiscord } from '../../payload.ts';
import { addPrivateOption, visibility } from '../options.ts';
import type { Subcommand } from '../types.ts';

/** `/ai300 help`: its lines come from the registered commands themselves, so it never drifts from them. */
export function createHelp(entries: () => HelpEntry[]): Subcommand {
  return {
    name: 'help',
    description: 'What this bot does and every command',
    worksInDm: true,
    options: (builder) => addPrivateOption(builder),
    async execute(interaction, ctx) {
      await interaction.reply({ ...forDiscord(renderHelp(entries(), ctx.content.questions.length)), ...visibility(interaction) });
    },
  };
}
