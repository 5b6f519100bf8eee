// Buttons that turn advice into one click, and reference links with a readable title.
import { ButtonStyle, ComponentType, type APIButtonComponent } from 'discord-api-types/v10';
import type { DomainId, MissTag } from '../content/ids.ts';
import type { Content } from '../content/load.ts';
import { buildCustomId } from './customId.ts';
import { DOMAIN_EMOJI } from './style.ts';

/** "Drill GenAIOps": serves whoever clicks a private question in that domain or tag. */
export function drillButton(content: Content, target: { domain: DomainId } | { tag: MissTag }): APIButtonComponent {
  const label = 'domain' in target ? content.domainById.get(target.domain)!.name : content.tagById.get(target.tag)!.name;
  return {
    type: ComponentType.Button,
    style: ButtonStyle.Primary,
    label: `Drill ${label}`.slice(0, 80),
    ...('domain' in target && { emoji: { name: DOMAIN_EMOJI[target.domain] } }),
    custom_id: buildCustomId({ kind: 'drill', ...target }),
  };
}

export function startDiagnosticButton(): APIButtonComponent {
  return {
    type: ComponentType.Button,
    style: ButtonStyle.Primary,
    label: 'Start the diagnostic',
    emoji: { name: '🧭' },
    custom_id: buildCustomId({ kind: 'startDiagnostic' }),
  };
}

const SITE_NAMES: [RegExp, string][] = [
  [/(^|\.)learn\.microsoft\.com$/, 'Microsoft Learn'],
  [/(^|\.)mlflow\.org$/, 'MLflow docs'],
];

/** "Microsoft Learn: Configure auto train" from a documentation URL (its host and last path segment). */
export function referenceTitle(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'Reference';
  }
  const site = SITE_NAMES.find(([host]) => host.test(parsed.hostname))?.[1] ?? parsed.hostname;
  const slug = parsed.pathname.split('/').filter(Boolean).at(-1) ?? '';
  const words = slug
    .replace(/\.[a-z]+$/, '')
    .replace(/^(how-to|concept|tutorial|quickstart)-/, '')
    .split(/[-_]+/)
    .filter(Boolean)
    .join(' ');
  if (!words) return site;
  return `${site}: ${words[0]!.toUpperCase()}${words.slice(1)}`;
}

/** A masked link that shows the title, not a 100-character URL. */
export function referenceLink(url: string): string {
  return `[${referenceTitle(url).replace(/[[\]]/g, '')}](${url})`;
}
