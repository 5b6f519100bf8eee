import { MessageFlags } from 'discord.js';
import type { Subcommand } from '../types.ts';
import { buildNextQuestion } from '../../study/serve.ts';
import { addDomainOption, addTagOption, domainOf, tagOf } from '../options.ts';

export const quiz: Subcommand = {
  name: 'quiz',
  description: 'A practice question, aimed at your weak spots; answer with the buttons',
  usage: '/ai300 quiz [domain] [tag]',
  worksInDm: true,
  options: (builder, content) => addTagOption(addDomainOption(builder, content, 'Only this domain'), content, 'Only questions with this miss tag'),
  async execute(interaction, ctx) {
    await interaction.deferReply({ flags: MessageFlags.Ephemeral });
    const domain = domainOf(interaction);
    const tag = tagOf(interaction);
    const payload = await buildNextQuestion(interaction, ctx, {
      ownerId: interaction.user.id,
      mode: 'quiz',
      filters: { ...(domain && { domain }), ...(tag && { tag }) },
    });
    await interaction.editReply(payload);
  },
};
