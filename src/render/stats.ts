import type { APIEmbed } from 'discord-api-types/v10';
import { DOMAIN_IDS, MISS_TAGS } from '../content/ids.ts';
import type { Content } from '../content/load.ts';
import { mostMissedTags, type TagCounts } from '../domain/advice.ts';
import { masteryOf, readiness, totalAnswers, weakestDomain, type DomainTallies, type DomainWeights } from '../domain/mastery.ts';
import type { MessagePayload } from './limits.ts';
import { COLORS, DOMAIN_EMOJI, bar, percent } from './style.ts';

export interface StatsView {
  userId: string;
  tallies: DomainTallies;
  quizMisses: TagCounts;
  loggedMisses: TagCounts;
  streak: number;
  reviewsDue: number;
  reviewsScheduled: number;
}

export function renderStats(content: Content, weights: DomainWeights, view: StatsView): MessagePayload {
  const answered = totalAnswers(view.tallies);
  const domainLines = DOMAIN_IDS.map((id) => {
    const tally = view.tallies[id];
    const mastery = masteryOf(tally);
    return `${DOMAIN_EMOJI[id]} \`${bar(mastery)}\` **${percent(mastery)}** ${content.domainById.get(id)!.name} · ${tally?.n ?? 0} answered`;
  });
  const missLines = MISS_TAGS.filter((tag) => view.quizMisses[tag] || view.loggedMisses[tag]).map(
    (tag) => `**${content.tagById.get(tag)!.name}:** ${view.quizMisses[tag] ?? 0} in quizzes, ${view.loggedMisses[tag] ?? 0} logged`,
  );
  const combined: TagCounts = {};
  for (const tag of MISS_TAGS) combined[tag] = (view.quizMisses[tag] ?? 0) + (view.loggedMisses[tag] ?? 0);
  const top = mostMissedTags(combined);
  const weakest = content.domainById.get(weakestDomain(view.tallies, weights))!;
  const advice =
    top.length > 0
      ? top.map((tag) => `**${content.tagById.get(tag)!.name}:** ${content.tagById.get(tag)!.advice}`).join('\n\n')
      : `No misses yet. Start with your weakest domain, **${weakest.name}**: \`/ai300 quiz domain:${weakest.id}\`.`;
  const embed: APIEmbed = {
    title: '📊 Study stats',
    color: COLORS.brand,
    description: [
      `<@${view.userId}> · readiness **${percent(readiness(view.tallies, weights))}** (weighted by the exam) · ${answered} answers`,
      '',
      ...domainLines,
    ].join('\n'),
    fields: [
      { name: 'Misses by tag', value: missLines.length > 0 ? missLines.join('\n') : 'None yet.' },
      { name: 'What to drill next', value: advice.slice(0, 1024) },
      { name: 'Streak', value: `🔥 ${view.streak} day${view.streak === 1 ? '' : 's'}`, inline: true },
      { name: 'Reviews', value: `${view.reviewsDue} due · ${view.reviewsScheduled} scheduled`, inline: true },
    ],
    footer: { text: 'Mastery is a recency-weighted estimate shrunk toward 50%, so a few lucky answers do not read as 100%.' },
  };
  return { embeds: [embed], components: [] };
}
