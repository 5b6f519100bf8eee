import type { Subcommand } from '../types.ts';
import { buildNextQuestion } from '../../study/serve.ts';
import { replyWith } from '../../respond.ts';
import { addDomainOption, addTagOption, domainOf, tagOf } from '../options.ts';

export const quiz: Subcommand = {
  name: 'quiz',
  description: 'A practice question, aimed at your weak spots; answer with the buttons',
  worksInDm: true,
  options: (builder, content) => addTagOption(addDomainOption(builder, content, 'Only this domain'), content, 'Only questions with this miss tag'),
  async execute(interaction, ctx) {
    const domain = domainOf(interaction);
    const tag = tagOf(interaction);
    const request = { ownerId: interaction.user.id, mode: 'quiz' as const, filters: { ...(domain && { domain }), ...(tag && { tag }) } };
    await replyWith(interaction, ctx, () => buildNextQuestion(interaction, ctx, request), { ephemeral: true });
  },
};
