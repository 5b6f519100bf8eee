// Small inline questions and the real exam weights, for unit tests that must not depend on the
// question bank being complete.
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import type { DomainId, MissTag } from '../../src/content/ids.ts';
import { distinctionsFileSchema, domainsFileSchema, type Distinction, type Domain, type Question } from '../../src/content/schema.ts';
import { examWeights, type DomainWeights } from '../../src/domain/mastery.ts';

const CONTENT = new URL('../../content/', import.meta.url).pathname;

export function question(id: string, domain: DomainId, tags: MissTag[], extra: Partial<Question> = {}): Question {
  return {
    id,
    domain,
    tags,
    stem: `Stem of ${id}?`,
    choices: ['one', 'two', 'three', 'four'],
    answer: 'A',
    explanation: 'Because.',
    whyNot: { B: 'no', C: 'no', D: 'no' },
    reference: 'https://learn.microsoft.com/',
    ...extra,
  };
}

/** content/domains.yaml, read directly so an unfinished question bank cannot break these tests. */
export function realDomains(): Domain[] {
  return domainsFileSchema.parse(parse(readFileSync(`${CONTENT}domains.yaml`, 'utf8'))).domains;
}

export function realDistinctions(): Distinction[] {
  return distinctionsFileSchema.parse(parse(readFileSync(`${CONTENT}distinctions.yaml`, 'utf8'))).distinctions;
}

/** The published AI-300 ranges, written out by hand. */
export const PUBLISHED_RANGES: { id: DomainId; weight: { min: number; max: number } }[] = [
  { id: 'infra', weight: { min: 15, max: 20 } },
  { id: 'lifecycle', weight: { min: 25, max: 30 } },
  { id: 'genaiops', weight: { min: 20, max: 25 } },
  { id: 'quality', weight: { min: 10, max: 15 } },
  { id: 'optimization', weight: { min: 10, max: 15 } },
];

export const WEIGHTS: DomainWeights = examWeights(PUBLISHED_RANGES);
