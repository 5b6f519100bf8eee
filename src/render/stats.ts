import { TimestampStyles, time } from '@discordjs/builders';
import type { APIActionRowComponent, APIButtonComponent, APIEmbed } from 'discord-api-types/v10';
import { ComponentType } from 'discord-api-types/v10';
import { DOMAIN_IDS, MISS_TAGS } from '../content/ids.ts';
import type { Content } from '../content/load.ts';
import { mostMissedTags, type TagCounts } from '../domain/advice.ts';
import { MIN_ANSWERS_TO_RANK, masteryOf, readiness, totalAnswers, weakestDomain, type DomainTallies, type DomainWeights } from '../domain/mastery.ts';
import type { ExamSummary } from '../domain/exam/session.ts';
import type { ReadinessPoint } from '../domain/exam/readinessHistory.ts';
import type { LoggedMiss } from '../store/records.ts';
import { drillButton, startDiagnosticButton } from './actions.ts';
import { READINESS_CHART_DAYS, utcDay } from '../domain/exam/readinessHistory.ts';
import { STATS_CHART, statsChartPng } from './charts/index.ts';
import { clip, type MessageFile, type MessagePayload } from './limits.ts';
import { shortDay } from './shortDay.ts';
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
  /** Readiness points of the last 30 days, oldest first. */
  readiness: readonly ReadinessPoint[];
  /** Finished mock exams, oldest first. */
  exams: readonly ExamSummary[];
}

/** How many mock exams stats lists. */
export const EXAMS_SHOWN = 5;

/** The readiness line of the chart as text: one "3 Dec 58%" per day with answers. */
function readinessText(points: readonly ReadinessPoint[]): string {
  if (points.length === 0) return 'No answers in the last 30 days.';
  return points.map((p) => `${shortDay(p.day)} ${percent(p.value)}`).join(' · ');
}

function examLines(exams: readonly ExamSummary[]): string[] {
  return exams
    .slice(-EXAMS_SHOWN)
    .reverse()
    .map(
      (exam) =>
        `${time(new Date(exam.finishedAt), TimestampStyles.ShortDate)} · **${exam.score}/1000** · likely ${exam.passed ? 'pass' : 'fail'} (estimate) · ${exam.correct}/${exam.length}${exam.end === 'timed-out' ? ' · time ran out' : ''}`,
    );
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
  const exams = examLines(view.exams);
  const embed: APIEmbed = {
    title: '📊 Study stats',
    color: COLORS.brand,
    description: [summaryLine, '', ...domainLines].join('\n'),
    fields: [
      { name: 'Misses by tag', value: missLines.length > 0 ? missLines.join('\n') : 'None yet.' },
      ...(recent.length > 0 ? [{ name: 'Recently logged misses', value: recent.join('\n').slice(0, 1024) }] : []),
      ...(enough ? [{ name: 'Readiness, last 30 days', value: readinessText(view.readiness).slice(0, 1024) }] : []),
      ...(exams.length > 0 ? [{ name: 'Last mock exams', value: exams.join('\n') }] : []),
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

/** The chart shows what the text shows, so it comes only once the text shows mastery and readiness. */
export function statsChartWanted(view: StatsView): boolean {
  return totalAnswers(view.tallies) >= MIN_ANSWERS_TO_RANK;
}

/** Mastery per domain against the 70% line and readiness over the last 30 days, as a PNG. */
export async function renderStatsChartFile(content: Content, weights: DomainWeights, view: StatsView, today: Date): Promise<MessageFile> {
  const from = utcDay(new Date(today.getTime() - (READINESS_CHART_DAYS - 1) * 86_400_000));
  const data = await statsChartPng({
    title: `Readiness ${percent(readiness(view.tallies, weights))} (weighted by the exam) · ${totalAnswers(view.tallies)} answers`,
    mastery: DOMAIN_IDS.map((id) => ({
      label: content.domainById.get(id)!.name,
      value: masteryOf(view.tallies[id]),
      note: `${view.tallies[id]?.n ?? 0} answered`,
    })),
    readiness: [...view.readiness],
    from,
    to: utcDay(today),
    passLine: 0.7,
  });
  return { name: STATS_CHART.name, data, description: 'Mastery per domain against the 70% line, and readiness over the last 30 days' };
}

/** Shows the chart as the stats embed's image. */
export function withChart(payload: MessagePayload, chart: MessageFile): MessagePayload {
  const [first, ...rest] = payload.embeds;
  if (!first) return payload;
  return { ...payload, embeds: [{ ...first, image: { url: `attachment://${chart.name}` } }, ...rest], files: [chart] };
}
