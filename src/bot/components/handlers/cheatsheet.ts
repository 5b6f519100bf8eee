import type { ComponentHandler } from './types.ts';
import { isDomainId } from '../../../content/ids.ts';
import { renderCheatsheetOverview, renderDomainDetail } from '../../../render/cheatsheet.ts';
import { UserError } from '../../errors.ts';
import { forDiscord } from '../../payload.ts';

/** The domain switcher edits the cheat sheet in place, for everyone in the channel. */
export const onCheatsheetSelect: ComponentHandler<'cheatsheet'> = async (interaction, _id, ctx) => {
  if (!interaction.isStringSelectMenu()) throw new UserError('That control is not a menu any more. Run `/ai300 cheatsheet` again.');
  const value = interaction.values[0] ?? '';
  if (value !== 'overview' && !isDomainId(value)) throw new UserError('That domain is not in the cheat sheet any more. Run `/ai300 cheatsheet` again.');
  await interaction.update(forDiscord(value === 'overview' ? renderCheatsheetOverview(ctx.content) : renderDomainDetail(ctx.content, value)));
};
