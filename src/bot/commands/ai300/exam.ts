import type { Subcommand } from '../types.ts';
import { DEFAULT_EXAM_LENGTH, EXAM_LENGTHS, MS_PER_QUESTION } from '../../../domain/exam/draw.ts';
import { startExam } from '../../exam/examFlow.ts';
import { guildKey } from '../../study/ids.ts';
import { replyWith } from '../../respond.ts';

export const exam: Subcommand = {
  name: 'exam',
  description: `A private mock exam weighted like the real one: ${MS_PER_QUESTION / 60_000} min per question, scored at the end`,
  worksInDm: true,
  options: (builder) =>
    builder.addIntegerOption((option) =>
      option
        .setName('length')
        .setDescription(`Number of questions (default ${DEFAULT_EXAM_LENGTH})`)
        .addChoices(...EXAM_LENGTHS.map((n) => ({ name: `${n} questions, ${(n * MS_PER_QUESTION) / 60_000} minutes`, value: n }))),
    ),
  async execute(interaction, ctx) {
    const length = interaction.options.getInteger('length') ?? DEFAULT_EXAM_LENGTH;
    await replyWith(interaction, ctx, () => startExam(ctx, guildKey(interaction), interaction.user.id, length), { ephemeral: true });
  },
};
