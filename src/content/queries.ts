// Read-only questions about the content, shared by commands and the validator.
import type { DomainId, MissTag } from './ids.ts';
import type { Content } from './load.ts';
import type { Distinction, Question } from './schema.ts';

export function distinctionsForDomain(content: Content, domain: DomainId): Distinction[] {
  return content.distinctions.filter((d) => d.domain === domain);
}

/** The miss tags most tied to a domain: its distinctions' tags first, then by use in its questions. */
export function tagsForDomain(content: Content, domain: DomainId, limit = 3): MissTag[] {
  const score = new Map<MissTag, number>();
  for (const d of distinctionsForDomain(content, domain)) for (const tag of d.tags) score.set(tag, (score.get(tag) ?? 0) + 100);
  for (const q of content.questionsByDomain.get(domain) ?? []) for (const tag of q.tags) score.set(tag, (score.get(tag) ?? 0) + 1);
  return [...score.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, limit)
    .map(([tag]) => tag);
}

export function questionsForDistinction(content: Content, distinctionId: string): Question[] {
  return content.questions.filter((q) => q.distinction === distinctionId);
}

function words(text: string): string[] {
  return text
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/**
 * Distinctions matching what the user typed: every typed word must start a word somewhere in the
 * name or rule ("drift" finds "Model drift vs data drift"). Name matches rank above rule matches.
 */
export function searchDistinctions(content: Content, query: string, limit = 25): Distinction[] {
  const typed = words(query);
  if (typed.length === 0) return content.distinctions.slice(0, limit);
  const ranked: { distinction: Distinction; score: number }[] = [];
  for (const distinction of content.distinctions) {
    const nameWords = words(`${distinction.name} ${distinction.id}`);
    const ruleWords = words(distinction.rule);
    let score = 0;
    for (const word of typed) {
      if (nameWords.some((w) => w.startsWith(word))) score += 2;
      else if (ruleWords.some((w) => w.startsWith(word))) score += 1;
      else {
        score = -1;
        break;
      }
    }
    if (score > 0) ranked.push({ distinction, score });
  }
  return ranked
    .sort((a, b) => b.score - a.score)
    .slice(0, limit)
    .map((r) => r.distinction);
}

/** What to drill after a miss under `tag`, in `domain` when known: the domain's own advice if the tag has one. */
export function adviceFor(content: Content, tag: MissTag, domain?: DomainId): string {
  const info = content.tagById.get(tag)!;
  return (domain && info.adviceByDomain?.[domain]) || info.advice;
}
