import { MessageFlags } from 'discord.js';
import { isReportKind, questionHash, reportCommentProblem } from '../../../domain/reports.ts';
import { REPORT_COMMENT_FIELD, renderReportKindPicker, renderReportThanks, renderReportsPage, reportModal } from '../../../render/report.ts';
import { requireManageGuild } from '../../commands/ai300-admin/index.ts';
import { UserError } from '../../errors.ts';
import { replyPrivatelyWith, updateWith } from '../../respond.ts';
import { guildKey } from '../../study/ids.ts';
import { refuseStranger } from './owner.ts';
import type { ComponentHandler } from './types.ts';

const GONE = 'That question has been removed from the bank since, so there is nothing to report any more. Thank you for looking!';

/** "Report a problem": asks, privately, what is wrong. */
export const onReport: ComponentHandler<'report'> = async (interaction, id, ctx) => {
  if (!ctx.content.questionById.has(id.questionId)) throw new UserError(GONE);
  await replyPrivatelyWith(interaction, ctx, async () => renderReportKindPicker(id.questionId));
};

/** The kind is picked: the modal asks for a comment (the modal must be the first answer, within 3 s). */
export const onReportKind: ComponentHandler<'reportKind'> = async (interaction, id, ctx) => {
  if (!interaction.isStringSelectMenu()) throw new UserError('That control is not the report menu.');
  if (!ctx.content.questionById.has(id.questionId)) throw new UserError(GONE);
  const kind = interaction.values[0] ?? '';
  if (!isReportKind(kind)) throw new UserError('Pick one of the listed problems.');
  await interaction.showModal(reportModal(id.questionId, kind));
};

/** The modal is sent: one report per member per question per server, then thanks. */
export const onReportForm: ComponentHandler<'reportForm'> = async (interaction, id, ctx) => {
  const question = ctx.content.questionById.get(id.questionId);
  if (!question) throw new UserError(GONE);
  const comment = (interaction.fields.getTextInputValue(REPORT_COMMENT_FIELD) ?? '').trim();
  const problem = reportCommentProblem(id.reportKind, comment);
  if (problem) throw new UserError(`${problem} Nothing was recorded; press 🚩 Report a problem again.`);
  const outcome = await ctx.reports.add({
    v: 1,
    questionId: question.id,
    questionHash: questionHash(question),
    guildId: guildKey(interaction),
    reporterId: interaction.user.id,
    kind: id.reportKind,
    comment,
    at: ctx.now().getTime(),
  });
  ctx.logger.info({ questionId: question.id, kind: id.reportKind, guildId: interaction.guildId, outcome }, 'question reported');
  await interaction.reply({ content: renderReportThanks(question.id, outcome), flags: MessageFlags.Ephemeral });
};

export const onReportsPage: ComponentHandler<'reportsPage'> = async (interaction, id, ctx) => {
  if (await refuseStranger(interaction, id.ownerId, 'Run `/ai300-admin reports` for your own list.')) return;
  const guildId = requireManageGuild(interaction);
  await updateWith(interaction, ctx, async () => ({ show: renderReportsPage(ctx.content, await ctx.reports.forGuild(guildId), id.page, id.ownerId) }));
};
