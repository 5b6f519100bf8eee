import type { Subcommand } from '../types.ts';
import { renderCheatsheetOverview, renderDomainDetail } from '../../../render/cheatsheet.ts';
import { addDomainOption, addPrivateOption, domainOf, visibility } from '../options.ts';
import { forDiscord } from '../../payload.ts';

export const cheatsheet: Subcommand = {
  name: 'cheatsheet',
  description: 'The five exam domains: weight, what to know, the common trap',
  worksInDm: true,
  options: (builder, content) => addPrivateOption(addDomainOption(builder, content, 'One domain in detail, with its distinctions and drill advice')),
  async execute(interaction, ctx) {
    const domain = domainOf(interaction);
    const payload = domain ? renderDomainDetail(ctx.content, domain) : renderCheatsheetOverview(ctx.content);
    await interaction.reply({ ...forDiscord(payload), ...visibility(interaction) });
  },
};
