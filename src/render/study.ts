// Study replies that are not a question: the Next button, an empty review queue, a logged miss,
// and the confirmation before erasing a record.
import { TimestampStyles, time } from '@discordjs/builders';
import { ButtonStyle, ComponentType } from 'discord-api-types/v10';
import type { DomainId, MissTag } from '../content/ids.ts';
import type { Content } from '../content/load.ts';
import { adviceFor } from '../content/queries.ts';
import { buildCustomId, type QuizMode } from './customId.ts';
import { clip, type MessagePayload } from './limits.ts';
import { reportButton } from './report.ts';
import { COLORS } from './style.ts';

export interface NextRequest {
  ownerId: string;
  mode: QuizMode;
  filters: { domain?: DomainId; tag?: MissTag };
}

/** Under a revealed personal question: Next, and Report a problem for the question just answered. */
export function nextButtonRow(request: NextRequest, revealedQuestionId: string): MessagePayload['components'][number] {
  return {
    type: ComponentType.ActionRow,
    components: [
      {
        type: ComponentType.Button,
        style: ButtonStyle.Primary,
        label: request.mode === 'review' ? 'Next review' : 'Next question',
        emoji: { name: '➡️' },
        custom_id: buildCustomId({
          kind: 'next',
          ownerId: request.ownerId,
          mode: request.mode,
          ...(request.filters.domain && { domain: request.filters.domain }),
          ...(request.filters.tag && { tag: request.filters.tag }),
        }),
      },
      reportButton(revealedQuestionId),
    ],
  };
}

/** The review queue when nothing is due: how many are scheduled and when the next comes. */
export function renderNothingDue(scheduled: number, nextDueAt: number | undefined): MessagePayload {
  const text =
    scheduled === 0 || nextDueAt === undefined
      ? '🎉 Nothing to review: questions you miss come back here on a spaced schedule. Try `/ai300 quiz`.'
      : `✅ Nothing is due right now. ${scheduled} question${scheduled === 1 ? ' is' : 's are'} scheduled; the next comes ${time(new Date(nextDueAt), TimestampStyles.RelativeTime)}.`;
  return { content: text, embeds: [], components: [] };
}

/** The note on a logged miss is at most this long. */
export const NOTE_LIMIT = 200;

export function renderMissLogged(content: Content, miss: { tag: MissTag; domain?: DomainId; note?: string; loggedInTag: number }): MessagePayload {
  const info = content.tagById.get(miss.tag)!;
  const lines = [
    ...(miss.domain ? [`Domain: **${content.domainById.get(miss.domain)!.name}**`] : []),
    ...(miss.note ? [`Note: ${clip(miss.note, NOTE_LIMIT)}`] : []),
    `You have logged ${miss.loggedInTag} ${info.name.toLowerCase()} miss${miss.loggedInTag === 1 ? '' : 'es'}. \`/ai300 stats\` shows your latest notes.`,
  ];
  return {
    components: [],
    embeds: [
      {
        title: `📝 Miss logged: ${info.name}`,
        color: COLORS.warning,
        description: lines.join('\n'),
        fields: [{ name: 'What to drill', value: adviceFor(content, miss.tag, miss.domain) }],
      },
    ],
  };
}

export function renderForgetConfirm(ownerId: string): MessagePayload {
  return {
    content: '⚠️ This erases your answers, logged misses, review schedule and streak **in this server**. It cannot be undone.',
    embeds: [],
    components: [
      {
        type: ComponentType.ActionRow,
        components: [
          {
            type: ComponentType.Button,
            style: ButtonStyle.Danger,
            label: 'Erase my records',
            custom_id: buildCustomId({ kind: 'forget', ownerId, confirm: true }),
          },
          {
            type: ComponentType.Button,
            style: ButtonStyle.Secondary,
            label: 'Keep them',
            custom_id: buildCustomId({ kind: 'forget', ownerId, confirm: false }),
          },
        ],
      },
    ],
  };
}
