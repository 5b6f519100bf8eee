import { MessageFlags } from 'discord.js';
import type { Subcommand } from '../types.ts';
import { buildNextQuestion } from '../../study/serve.ts';

export const review: Subcommand = {
  name: 'review',
  description: 'Spaced repetition of the questions you missed: whatever is due now',
  usage: '/ai300 review',
  worksInDm: true,
  async execute(interaction, ctx) {
    await interaction.deferReply({ flags: MessageFlags.Ephemeral });
    await interaction.editReply(await buildNextQuestion(interaction, ctx, { ownerId: interaction.user.id, mode: 'review', filters: {} }));
  },
};
