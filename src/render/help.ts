import type { APIEmbed } from 'discord-api-types/v10';
import type { MessagePayload } from './limits.ts';
import { COLORS } from './style.ts';

export interface HelpEntry {
  usage: string;
  summary: string;
}

/** The help embed lists whatever commands are registered, so it never drifts from them. */
export function renderHelp(entries: HelpEntry[], questionCount: number): MessagePayload {
  const embed: APIEmbed = {
    title: '📚 AI-300 study companion',
    color: COLORS.brand,
    description: [
      'Study for **AI-300: Operationalizing Machine Learning and Generative AI Solutions** together.',
      `Cheat-sheet lookups, ${questionCount} scenario questions with explanations, a record of what you miss, and a daily question for the channel.`,
      'Lookups are posted in the channel; add `private:true` to keep one to yourself.',
    ].join('\n'),
    fields: entries.map((entry) => ({ name: entry.usage, value: entry.summary })),
    footer: { text: 'Tag every miss: infrastructure, lifecycle, GenAIOps, quality, observability or optimization.' },
  };
  return { embeds: [embed], components: [] };
}
