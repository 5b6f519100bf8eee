import { MessageFlags } from 'discord.js';
import { renderForgetConfirm } from '../../../render/study.ts';
import { forDiscord } from '../../payload.ts';
import type { Subcommand } from '../types.ts';

export const forget: Subcommand = {
  name: 'forget',
  description: 'Erase your answers, misses and reviews in this server (asks first)',
  worksInDm: true,
  async execute(interaction) {
    await interaction.reply({ ...forDiscord(renderForgetConfirm(interaction.user.id)), flags: MessageFlags.Ephemeral });
  },
};
