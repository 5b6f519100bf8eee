// Reporting a problem with a question: the button under every revealed question, the menu of what
// is wrong, the modal for a comment, the thanks, and the admins' list of a server's reports.
import { TimestampStyles, time, userMention } from '@discordjs/builders';
import { type APIButtonComponent, type APIModalInteractionResponseCallbackData, ButtonStyle, ComponentType, TextInputStyle } from 'discord-api-types/v10';
import type { Content } from '../content/load.ts';
import { REPORT_COMMENT_MAX, REPORT_KIND_LABEL, REPORT_KINDS, type QuestionReport, type ReportKind } from '../domain/reports.ts';
import { buildCustomId } from './customId.ts';
import { clip, type MessagePayload } from './limits.ts';
import { COLORS } from './style.ts';

export const REPORT_COMMENT_FIELD = 'comment';
export const REPORTS_PAGE_SIZE = 5;

export function reportButton(questionId: string, label = 'Report a problem'): APIButtonComponent {
  return { type: ComponentType.Button, style: ButtonStyle.Secondary, label, emoji: { name: '🚩' }, custom_id: buildCustomId({ kind: 'report', questionId }) };
}

/** A row holding only the report button, for reveals that have no other buttons. */
export function reportRow(questionId: string, label?: string): MessagePayload['components'][number] {
  return { type: ComponentType.ActionRow, components: [reportButton(questionId, label)] };
}

export function renderReportKindPicker(questionId: string): MessagePayload {
  return {
    content: `🚩 What is wrong with **${questionId}**? Pick one; you can add a comment next.`,
    embeds: [],
    components: [
      {
        type: ComponentType.ActionRow,
        components: [
          {
            type: ComponentType.StringSelect,
            custom_id: buildCustomId({ kind: 'reportKind', questionId }),
            placeholder: 'What is wrong?',
            options: REPORT_KINDS.map((kind) => ({ label: REPORT_KIND_LABEL[kind], value: kind })),
          },
        ],
      },
    ],
  };
}

export function reportModal(questionId: string, kind: ReportKind): APIModalInteractionResponseCallbackData {
  return {
    custom_id: buildCustomId({ kind: 'reportForm', questionId, reportKind: kind }),
    title: `Report ${questionId}`.slice(0, 45),
    components: [
      {
        type: ComponentType.ActionRow,
        components: [
          {
            type: ComponentType.TextInput,
            custom_id: REPORT_COMMENT_FIELD,
            style: TextInputStyle.Paragraph,
            label: clip(REPORT_KIND_LABEL[kind], 45),
            placeholder: kind === 'other' ? 'What is wrong? (required)' : 'Details help: which choice, which page, what changed (optional)',
            required: kind === 'other',
            max_length: REPORT_COMMENT_MAX,
          },
        ],
      },
    ],
  };
}

export function renderReportThanks(questionId: string, outcome: 'added' | 'duplicate'): string {
  return outcome === 'added'
    ? `🙏 Thank you: your report on **${questionId}** is recorded for the people who maintain the questions.`
    : `You already reported **${questionId}** in this server; one report per question is kept. Thank you!`;
}

export function renderReportsPage(content: Content, reports: readonly QuestionReport[], page: number, ownerId: string): MessagePayload {
  const pages = Math.max(1, Math.ceil(reports.length / REPORTS_PAGE_SIZE));
  const current = Math.min(Math.max(0, page), pages - 1);
  const shown = reports.slice(current * REPORTS_PAGE_SIZE, (current + 1) * REPORTS_PAGE_SIZE);
  const fields = shown.map((report) => {
    const question = content.questionById.get(report.questionId);
    const state = !question ? ' (retired since)' : '';
    return {
      name: `${report.questionId}${state} · ${REPORT_KIND_LABEL[report.kind]}`,
      value: `${userMention(report.reporterId)} ${time(new Date(report.at), TimestampStyles.RelativeTime)}${report.comment ? `\n> ${clip(report.comment, 300).replace(/\n/g, ' ')}` : ''}`,
    };
  });
  const pageButton = (label: string, target: number, disabled: boolean): APIButtonComponent => ({
    type: ComponentType.Button,
    style: ButtonStyle.Secondary,
    label,
    disabled,
    custom_id: buildCustomId({ kind: 'reportsPage', ownerId, page: target }),
  });
  return {
    embeds: [
      {
        title: `🚩 Question reports in this server (${reports.length})`,
        color: COLORS.warning,
        description: reports.length === 0 ? 'No reports yet. Members report a problem with the 🚩 button under any revealed question.' : undefined,
        fields,
        footer: { text: `Page ${current + 1} of ${pages} · the maintainers export every report with npm run reports` },
      },
    ],
    components:
      pages > 1
        ? [
            {
              type: ComponentType.ActionRow,
              components: [
                pageButton('◀ Previous', Math.max(0, current - 1), current === 0),
                pageButton('Next ▶', Math.min(pages - 1, current + 1), current >= pages - 1),
              ],
            },
          ]
        : [],
  };
}
