import type { Subcommand } from '../types.ts';
import { searchDistinctions } from '../../../content/queries.ts';
import { renderDistinction, renderDistinctionList } from '../../../render/distinction.ts';
import { DISCORD_LIMITS, clip } from '../../../render/limits.ts';
import { UserError } from '../../errors.ts';
import { addPrivateOption, visibility } from '../options.ts';
import { forDiscord } from '../../payload.ts';

export const distinction: Subcommand = {
  name: 'distinction',
  description: 'How to tell look-alike concepts apart (model drift vs data drift, ...)',
  worksInDm: true,
  options: (builder) =>
    addPrivateOption(
      builder.addStringOption((option) =>
        option.setName('topic').setDescription('Start typing: drift, registry, endpoint, groundedness ...').setAutocomplete(true).setMaxLength(100),
      ),
    ),
  async execute(interaction, ctx) {
    const topic = interaction.options.getString('topic')?.trim();
    if (!topic) {
      await interaction.reply({ ...forDiscord(renderDistinctionList(ctx.content)), ...visibility(interaction) });
      return;
    }
    // Autocomplete sends the id; typed text without picking still works through search.
    const found = ctx.content.distinctionById.get(topic) ?? searchDistinctions(ctx.content, topic, 1)[0];
    if (!found) {
      throw new UserError(`I have no distinction matching "${clip(topic, 80)}". Try \`/ai300 distinction\` for the full list.`);
    }
    await interaction.reply({ ...forDiscord(renderDistinction(ctx.content, found)), ...visibility(interaction) });
  },
  async autocomplete(interaction, ctx) {
    const typed = interaction.options.getFocused();
    const matches = searchDistinctions(ctx.content, typed, DISCORD_LIMITS.autocompleteChoices);
    await interaction.respond(matches.map((d) => ({ name: clip(d.name, DISCORD_LIMITS.choiceName), value: d.id })));
  },
};
