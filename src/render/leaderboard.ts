import { ButtonStyle, ComponentType, type APIEmbed } from 'discord-api-types/v10';
import type { DomainId } from '../content/ids.ts';
import type { Content } from '../content/load.ts';
import { PAGE_SIZE, pageCount, rankOf, type Leaderboard } from '../domain/leaderboard.ts';
import { MIN_ANSWERS_TO_RANK } from '../domain/mastery.ts';
import { PERIOD_LABEL, type Period } from '../domain/periods.ts';
import { buildCustomId } from './customId.ts';
import type { MessagePayload } from './limits.ts';
import { COLORS, DOMAIN_EMOJI, percent } from './style.ts';

export interface LeaderboardView {
  board: Leaderboard;
  viewerId: string;
  domain?: DomainId;
  period: Period;
  page: number;
}

const MEDALS = ['🥇', '🥈', '🥉'];

export function renderLeaderboard(content: Content, view: LeaderboardView): MessagePayload {
  const pages = pageCount(view.board);
  const page = Math.min(Math.max(0, view.page), pages - 1);
  const measure = view.domain ? `${DOMAIN_EMOJI[view.domain]} ${content.domainById.get(view.domain)!.name} mastery` : 'readiness';
  const rows = view.board.ranked.slice(page * PAGE_SIZE, (page + 1) * PAGE_SIZE).map((s, i) => {
    const rank = page * PAGE_SIZE + i + 1;
    return `${MEDALS[rank - 1] ?? `**${rank}.**`} <@${s.userId}> · ${percent(s.score)} · ${s.answers} answers`;
  });
  const own = rankOf(view.board, view.viewerId);
  // The board may be public: name the member who asked rather than saying "you".
  const viewer = `<@${view.viewerId}>`;
  const ownLine = own
    ? `${viewer}: rank **${own}** of ${view.board.ranked.length}`
    : view.board.unranked.some((s) => s.userId === view.viewerId)
      ? `${viewer}: needs ${MIN_ANSWERS_TO_RANK} answers ${PERIOD_LABEL[view.period]} to be ranked.`
      : `${viewer}: no answers in this period yet. \`/ai300 quiz\` starts one.`;
  const unranked = view.board.unranked
    .slice(0, 15)
    .map((s) => `<@${s.userId}> (${s.answers})`)
    .join(', ');
  const embed: APIEmbed = {
    title: `🏆 Leaderboard: ${measure}, ${PERIOD_LABEL[view.period]}`,
    color: COLORS.brand,
    description: rows.length > 0 ? rows.join('\n') : `Nobody has ${MIN_ANSWERS_TO_RANK} answers ${PERIOD_LABEL[view.period]} yet.`,
    fields: [
      { name: 'Asked by', value: ownLine },
      ...(unranked
        ? [
            {
              name: `Warming up (fewer than ${MIN_ANSWERS_TO_RANK} answers)`,
              value: `${unranked}${view.board.unranked.length > 15 ? ` and ${view.board.unranked.length - 15} more` : ''}`,
            },
          ]
        : []),
    ],
    footer: { text: `Page ${page + 1} of ${pages} · weeks and months are calendar periods in UTC` },
  };
  const pageButton = (label: string, target: number, disabled: boolean) => ({
    type: ComponentType.Button as const,
    style: ButtonStyle.Secondary as const,
    label,
    disabled,
    custom_id: buildCustomId({ kind: 'leaderboard', ownerId: view.viewerId, period: view.period, page: target, ...(view.domain && { domain: view.domain }) }),
  });
  const components: MessagePayload['components'] =
    pages > 1
      ? [
          {
            type: ComponentType.ActionRow,
            components: [pageButton('◀ Previous', Math.max(0, page - 1), page === 0), pageButton('Next ▶', Math.min(pages - 1, page + 1), page >= pages - 1)],
          },
        ]
      : [];
  return { embeds: [embed], components };
}
