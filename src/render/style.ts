// Shared look of the bot's embeds.
import type { DomainId } from '../content/ids.ts';
import type { Domain } from '../content/schema.ts';

export const COLORS = {
  brand: 0x0078d4,
  correct: 0x2e8b57,
  wrong: 0xc0392b,
  neutral: 0x5865f2,
  warning: 0xe67e22,
} as const;

export const DOMAIN_EMOJI: Record<DomainId, string> = {
  infra: '🏗️',
  lifecycle: '🔁',
  genaiops: '🤖',
  quality: '🔎',
  optimization: '⚡',
};

export function weightLabel(domain: Domain): string {
  return `${domain.weight.min}-${domain.weight.max}%`;
}

export function domainTitle(domain: Domain): string {
  return `${DOMAIN_EMOJI[domain.id]} ${domain.name} (${weightLabel(domain)})`;
}

/** A ten-cell text bar for a share between 0 and 1. */
export function bar(share: number, cells = 10): string {
  const filled = Math.max(0, Math.min(cells, Math.round(share * cells)));
  return '█'.repeat(filled) + '░'.repeat(cells - filled);
}

export function percent(share: number): string {
  return `${Math.round(share * 100)}%`;
}
