import type { Subcommand } from '../types.ts';
import { buildNextQuestion } from '../../study/serve.ts';
import { replyWith } from '../../respond.ts';

export const review: Subcommand = {
  name: 'review',
  description: 'Spaced repetition of the questions you missed: whatever is due now',
  worksInDm: true,
  async execute(interaction, ctx) {
    await replyWith(interaction, ctx, () => buildNextQuestion(interaction, ctx, { ownerId: interaction.user.id, mode: 'review', filters: {} }), {
      ephemeral: true,
    });
  },
};
