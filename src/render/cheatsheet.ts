import { ComponentType, type APIEmbed, type APIStringSelectComponent } from 'discord-api-types/v10';
import type { DomainId } from '../content/ids.ts';
import type { Content } from '../content/load.ts';
import { adviceFor, distinctionsForDomain, tagsForDomain } from '../content/queries.ts';
import { drillButton } from './actions.ts';
import { buildCustomId } from './customId.ts';
import type { MessagePayload } from './limits.ts';
import { COLORS, DOMAIN_EMOJI, domainTitle, weightLabel } from './style.ts';

export const OVERVIEW_VALUE = 'overview';

function domainSelect(content: Content, current?: DomainId): APIStringSelectComponent {
  return {
    type: ComponentType.StringSelect,
    custom_id: buildCustomId({ kind: 'cheatsheet' }),
    placeholder: 'Switch domain',
    options: [
      { label: 'All domains', value: OVERVIEW_VALUE, emoji: { name: '📋' }, default: current === undefined },
      ...content.domains.map((domain) => ({
        label: domain.name,
        value: domain.id,
        description: `Exam weight ${weightLabel(domain)}`,
        emoji: { name: DOMAIN_EMOJI[domain.id] },
        default: domain.id === current,
      })),
    ],
  };
}

export function renderCheatsheetOverview(content: Content): MessagePayload {
  const embed: APIEmbed = {
    title: 'AI-300 cheat sheet: the five domains',
    color: COLORS.brand,
    description: 'What to know in each exam domain, and the trap that costs points. Pick a domain below for its distinctions and drill advice.',
    fields: content.domains.map((domain) => ({
      name: domainTitle(domain),
      value: `**Know:** ${domain.know}\n**Trap:** ${domain.trap}`,
    })),
  };
  return { embeds: [embed], components: [{ type: ComponentType.ActionRow, components: [domainSelect(content)] }] };
}

export function renderDomainDetail(content: Content, domainId: DomainId): MessagePayload {
  const domain = content.domainById.get(domainId);
  if (!domain) throw new Error(`unknown domain ${domainId}`);
  const distinctions = distinctionsForDomain(content, domainId);
  const tags = tagsForDomain(content, domainId).map((id) => content.tagById.get(id)!);
  const questionCount = content.questionsByDomain.get(domainId)?.length ?? 0;
  const embed: APIEmbed = {
    title: domainTitle(domain),
    color: COLORS.brand,
    description: [`*${domain.officialName}*`, '', `**What to know:** ${domain.know}`, '', `**Common trap:** ${domain.trap}`].join('\n'),
    fields: [
      ...distinctions.map((d) => ({ name: `⚖️ ${d.name}`, value: d.rule })),
      ...tags.map((tag) => ({ name: `🏷️ Missed ${tag.name.toLowerCase()} questions?`, value: adviceFor(content, tag.id, domainId) })),
    ],
    footer: { text: `${questionCount} practice questions in this domain · /ai300 quiz domain:${domain.id}` },
  };
  return {
    embeds: [embed],
    components: [
      { type: ComponentType.ActionRow, components: [domainSelect(content, domainId)] },
      { type: ComponentType.ActionRow, components: [drillButton(content, { domain: domainId })] },
    ],
  };
}
