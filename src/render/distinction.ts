import { ButtonStyle, ComponentType, type APIEmbed } from 'discord-api-types/v10';
import type { Content } from '../content/load.ts';
import { questionsForDistinction } from '../content/queries.ts';
import type { Distinction } from '../content/schema.ts';
import { referenceLink } from './actions.ts';
import { buildCustomId } from './customId.ts';
import type { MessagePayload } from './limits.ts';
import { COLORS, DOMAIN_EMOJI } from './style.ts';

export function renderDistinction(content: Content, distinction: Distinction): MessagePayload {
  const domain = content.domainById.get(distinction.domain)!;
  const tags = distinction.tags.map((tag) => content.tagById.get(tag)!.name).join(', ');
  const embed: APIEmbed = {
    title: `⚖️ ${distinction.name}`,
    color: COLORS.neutral,
    description: `**How to decide:** ${distinction.rule}`,
    fields: [
      { name: 'For example', value: distinction.examples.map((example) => `• ${example}`).join('\n') },
      { name: 'Source', value: referenceLink(distinction.reference) },
      { name: 'Domain', value: `${DOMAIN_EMOJI[domain.id]} ${domain.name}`, inline: true },
      { name: 'Miss tags', value: tags, inline: true },
    ],
    footer: { text: distinction.source === 'seed' ? 'From the AI-300 cheat sheet' : 'Study-group addition' },
  };
  // Any distinction can be drilled: one without its own questions falls back to its domain.
  const tested = questionsForDistinction(content, distinction.id).length;
  return {
    embeds: [embed],
    components: [
      {
        type: ComponentType.ActionRow,
        components: [
          {
            type: ComponentType.Button,
            style: ButtonStyle.Primary,
            label: tested > 0 ? 'Quiz me on this' : `Quiz me on ${domain.name}`.slice(0, 80),
            emoji: { name: '🎯' },
            custom_id: buildCustomId({ kind: 'distinctionQuiz', distinctionId: distinction.id }),
          },
        ],
      },
    ],
  };
}

export function renderDistinctionList(content: Content): MessagePayload {
  const embed: APIEmbed = {
    title: 'Look-alike concepts and how to tell them apart',
    color: COLORS.neutral,
    description: 'Use `/ai300 distinction topic:<name>` for the decision rule and a quiz on it.',
    fields: content.domains
      .map((domain) => ({
        name: `${DOMAIN_EMOJI[domain.id]} ${domain.name}`,
        value: content.distinctions
          .filter((d) => d.domain === domain.id)
          .map((d) => `• ${d.name}`)
          .join('\n'),
      }))
      .filter((field) => field.value.length > 0),
  };
  return { embeds: [embed], components: [] };
}
