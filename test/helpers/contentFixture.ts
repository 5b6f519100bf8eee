// Builds a complete, valid content folder in a temporary directory, so each validator rule can be
// shown to reject one deliberate defect.
import { cpSync, mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { seededRandom } from '../../src/domain/random.ts';
import { DOMAIN_IDS, MIN_QUESTIONS_PER_DOMAIN, type DomainId } from '../../src/content/ids.ts';

const CONTENT = new URL('../../content/', import.meta.url).pathname;
const WORDS = 'alpha bravo charlie delta echo foxtrot golf hotel india juliet kilo lima mike november oscar papa quebec romeo sierra tango uniform victor whiskey xray yankee zulu'.split(' ');

export interface FixtureQuestion {
  id: string;
  tags: string[];
  distinction?: string;
  stem: string;
  choices: string[];
  answer: string;
  explanation: string;
  whyNot: Record<string, string>;
  reference: string;
}

/** A stem unlike every other generated one: its word pairs come from the index's digits. */
function uniqueStem(domain: DomainId, index: number): string {
  const random = seededRandom(index * 1000 + domain.length * 17 + domain.charCodeAt(0));
  const words = Array.from({ length: 14 }, () => WORDS[Math.floor(random() * WORDS.length)]);
  return `Scenario ${domain} ${index}: ${words.join(' ')} ${index * 31} ${domain}${index}. Which option fits?`;
}

export function fixtureQuestion(domain: DomainId, index: number): FixtureQuestion {
  return {
    id: `${domain}-${String(index).padStart(3, '0')}`,
    tags: [domain === 'infra' ? 'infrastructure' : domain],
    stem: uniqueStem(domain, index),
    choices: ['First option', 'Second option', 'Third option', 'Fourth option'],
    answer: 'B',
    explanation: 'Because the second option is right.',
    whyNot: { A: 'A is wrong.', C: 'C is wrong.', D: 'D is wrong.' },
    reference: 'https://learn.microsoft.com/azure/machine-learning/',
  };
}

export type QuestionBank = Record<DomainId, FixtureQuestion[]>;

export function validBank(): QuestionBank {
  return Object.fromEntries(
    DOMAIN_IDS.map((domain) => [domain, Array.from({ length: MIN_QUESTIONS_PER_DOMAIN[domain] }, (_, i) => fixtureQuestion(domain, i + 1))]),
  ) as QuestionBank;
}

/** Writes the real domains, tags and distinctions plus the given bank; returns the folder. */
export function writeContent(bank: QuestionBank, edit?: (dir: string) => void): string {
  const dir = mkdtempSync(join(tmpdir(), 'ai300-content-'));
  for (const file of ['domains.yaml', 'tags.yaml', 'distinctions.yaml', 'outline.yaml']) cpSync(join(CONTENT, file), join(dir, file));
  mkdirSync(join(dir, 'questions'));
  for (const domain of DOMAIN_IDS) {
    writeFileSync(join(dir, 'questions', `${domain}.yaml`), stringify({ domain, questions: bank[domain] }));
  }
  edit?.(dir);
  return dir;
}
