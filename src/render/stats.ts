import { TimestampStyles, time } from '@discordjs/builders';
import type { APIActionRowComponent, APIButtonComponent, APIEmbed } from 'discord-api-types/v10';
import { ComponentType } from 'discord-api-types/v10';
import { DOMAIN_IDS, MISS_TAGS } from '../content/ids.ts';
import type { Content } from '../content/load.ts';
import { mostMissedTags, type TagCounts } from '../domain/advice.ts';
import { MIN_ANSWERS_TO_RANK, masteryOf, readiness, totalAnswers, weakestDomain, type DomainTallies, type DomainWeights } from '../domain/mastery.ts';
import type { LoggedMiss } from '../store/records.ts';
import { drillButton, startDiagnosticButton } from './actions.ts';
import { clip, type MessagePayload } from './limits.ts';
import { COLORS, DOMAIN_EMOJI, bar, percent } from './style.ts';

export interface StatsView {
  userId: string;
  tallies: DomainTallies;
  quizMisses: TagCounts;
  loggedMisses: TagCounts;
  /** Misses logged with `/ai300 miss`, oldest first. */
  missLog: readonly LoggedMiss[];
  streak: number;
  reviewsDue: number;
  reviewsScheduled: number;
}

/** How many logged misses (with their notes) stats shows. */
export const RECENT_MISSES_SHOWN = 5;

function recentMissLines(content: Content, missLog: readonly LoggedMiss[]): string[] {
  return missLog
    .slice(-RECENT_MISSES_SHOWN)
    .reverse()
    .map((miss) => {
      const domain = miss.domain ? ` · ${content.domainById.get(miss.domain)!.name}` : '';
      const note = miss.note ? `: ${clip(miss.note, 120)}` : '';
      return `${time(new Date(miss.at), TimestampStyles.ShortDate)} **${content.tagById.get(miss.tag)!.name}**${domain}${note}`;
    });
}

export function renderStats(content: Content, weights: DomainWeights, view: StatsView): MessagePayload {
  const answered = totalAnswers(view.tallies);
  // Below the leaderboard's minimum, a readiness figure or a weakest domain would be noise.
  const enough = answered >= MIN_ANSWERS_TO_RANK;
  const domainLines = DOMAIN_IDS.map((id) => {
    const tally = view.tallies[id];
    if (!enough) return `${DOMAIN_EMOJI[id]} ${content.domainById.get(id)!.name} · ${tally?.n ?? 0} answered`;
    const mastery = masteryOf(tally);
    return `${DOMAIN_EMOJI[id]} \`${bar(mastery)}\` **${percent(mastery)}** ${content.domainById.get(id)!.name} · ${tally?.n ?? 0} answered`;
  });
  const missLines = MISS_TAGS.filter((tag) => view.quizMisses[tag] || view.loggedMisses[tag]).map(
    (tag) => `**${content.tagById.get(tag)!.name}:** ${view.quizMisses[tag] ?? 0} in quizzes, ${view.loggedMisses[tag] ?? 0} logged`,
  );
  const combined: TagCounts = {};
  for (const tag of MISS_TAGS) combined[tag] = (view.quizMisses[tag] ?? 0) + (view.loggedMisses[tag] ?? 0);
  const top = mostMissedTags(combined);
  const weakest = enough ? content.domainById.get(weakestDomain(view.tallies, weights))! : undefined;
  const summaryLine =
    answered === 0
      ? `<@${view.userId}> · **No answers yet.** The diagnostic (10 questions, weighted like the exam) is the quickest start.`
      : enough
        ? `<@${view.userId}> · readiness **${percent(readiness(view.tallies, weights))}** (weighted by the exam) · ${answered} answers`
        : `<@${view.userId}> · ${answered} answer${answered === 1 ? '' : 's'} so far: readiness and the weakest domain show after ${MIN_ANSWERS_TO_RANK}.`;
  const advice =
    top.length > 0
      ? top.map((tag) => `**${content.tagById.get(tag)!.name}:** ${content.tagById.get(tag)!.advice}`).join('\n\n')
      : weakest
        ? `No misses yet. Start with your weakest domain, **${weakest.name}**.`
        : 'Answer a few questions first: the diagnostic covers every domain.';
  const recent = recentMissLines(content, view.missLog);
  const embed: APIEmbed = {
    title: '📊 Study stats',
    color: COLORS.brand,
    description: [summaryLine, '', ...domainLines].join('\n'),
    fields: [
      { name: 'Misses by tag', value: missLines.length > 0 ? missLines.join('\n') : 'None yet.' },
      ...(recent.length > 0 ? [{ name: 'Recently logged misses', value: recent.join('\n').slice(0, 1024) }] : []),
      { name: 'What to drill next', value: advice.slice(0, 1024) },
      { name: 'Streak', value: `🔥 ${view.streak} day${view.streak === 1 ? '' : 's'}`, inline: true },
      { name: 'Reviews', value: `${view.reviewsDue} due · ${view.reviewsScheduled} scheduled`, inline: true },
    ],
    footer: { text: 'Mastery is a recency-weighted estimate shrunk toward 50%, so a few lucky answers do not read as 100%.' },
  };
  const buttons: APIButtonComponent[] = [
    ...(weakest ? [drillButton(content, { domain: weakest.id })] : []),
    ...top.slice(0, 2).map((tag) => drillButton(content, { tag })),
    ...(enough ? [] : [startDiagnosticButton()]),
  ];
  const row: APIActionRowComponent<APIButtonComponent> = { type: ComponentType.ActionRow, components: buttons };
  return { embeds: [embed], components: buttons.length > 0 ? [row] : [] };
}
