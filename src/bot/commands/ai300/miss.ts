import type { Subcommand } from '../types.ts';
import { clip } from '../../../render/limits.ts';
import { NOTE_LIMIT, renderMissLogged } from '../../../render/study.ts';
import { guildKey } from '../../study/ids.ts';
import { UserError } from '../../errors.ts';
import { replyWith } from '../../respond.ts';
import { addDomainOption, addTagOption, domainOf, tagOf } from '../options.ts';

export const miss: Subcommand = {
  name: 'miss',
  description: 'Log a miss from a practice test, tagged, so your stats and advice include it',
  worksInDm: true,
  options: (builder, content) =>
    addDomainOption(addTagOption(builder, content, 'What kind of miss it was', true), content, 'The exam domain of the question').addStringOption((option) =>
      option.setName('note').setDescription('A reminder of what you got wrong').setMaxLength(NOTE_LIMIT),
    ),
  async execute(interaction, ctx) {
    const tag = tagOf(interaction);
    if (!tag) throw new UserError('Pick a tag from the list: infrastructure, lifecycle, GenAIOps, quality, observability or optimization.');
    const domain = domainOf(interaction);
    const note = interaction.options.getString('note')?.trim();
    await replyWith(
      interaction,
      ctx,
      async () => {
        const learner = await ctx.store.logMiss(guildKey(interaction), interaction.user.id, {
          at: ctx.now().getTime(),
          tag,
          ...(domain && { domain }),
          ...(note && { note: clip(note, NOTE_LIMIT) }),
        });
        return renderMissLogged(ctx.content, { tag, ...(domain && { domain }), ...(note && { note }), loggedInTag: learner.loggedMisses[tag] ?? 1 });
      },
      { ephemeral: true },
    );
  },
};
