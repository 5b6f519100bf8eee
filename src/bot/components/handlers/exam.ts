import type { ComponentHandler } from './types.ts';
import { examClick, showResult } from '../../exam/examFlow.ts';
import { guildKey } from '../../study/ids.ts';
import { updateWith } from '../../respond.ts';
import { refuseStranger } from './owner.ts';

const HINT = 'Start your own with `/ai300 exam`.';

export const onExam: ComponentHandler<'exam'> = async (interaction, id, ctx) => {
  if (await refuseStranger(interaction, id.ownerId, HINT)) return;
  await updateWith(interaction, ctx, () => examClick(ctx, guildKey(interaction), id));
};

/** The "Go to…" menus: the chosen value is the position. */
export const onExamGoto: ComponentHandler<'examGoto'> = async (interaction, id, ctx) => {
  if (await refuseStranger(interaction, id.ownerId, HINT)) return;
  const value = interaction.isStringSelectMenu() ? interaction.values[0] : undefined;
  const position = Number(value);
  await updateWith(interaction, ctx, async () =>
    value === undefined || !/^\d{1,2}$/.test(value)
      ? { notice: 'Pick a question from the menu.' }
      : examClick(ctx, guildKey(interaction), { kind: 'exam', ownerId: id.ownerId, examId: id.examId, action: 'go', position }),
  );
};

export const onExamResult: ComponentHandler<'examResult'> = async (interaction, id, ctx) => {
  if (await refuseStranger(interaction, id.ownerId, HINT)) return;
  await updateWith(interaction, ctx, async () => {
    const guild = guildKey(interaction);
    const last = (await ctx.exams.get(guild, id.ownerId)).last;
    if (last?.examId !== id.examId) return { notice: 'Only your latest exam result is kept. `/ai300 stats` lists your last exams.' };
    return { show: await showResult(ctx, guild, id.ownerId, last, id.page) };
  });
};
