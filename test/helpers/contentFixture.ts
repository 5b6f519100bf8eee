// Builds a complete, valid content folder in a temporary directory, so each validator rule can be
// shown to reject one deliberate defect.
import { cpSync, mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { seededRandom } from '../../src/domain/random.ts';
import { DOMAIN_IDS, MIN_QUESTIONS_PER_DOMAIN, type DomainId } from '../../src/content/ids.ts';

const CONTENT = new URL('../../content/', import.meta.url).pathname;
const WORDS =
  'alpha bravo charlie delta echo foxtrot golf hotel india juliet kilo lima mike november oscar papa quebec romeo sierra tango uniform victor whiskey xray yankee zulu'.split(
    ' ',
  );

/** The real outline's skill ids per domain, so fixture questions cover every skill in turn. */
const SKILLS: Record<string, string[]> = Object.fromEntries(
  (parse(readFileSync(join(CONTENT, 'outline.yaml'), 'utf8')) as { domains: { id: string; groups: { skills: { id: string }[] }[] }[] }).domains.map((d) => [
    d.id,
    d.groups.flatMap((g) => g.skills.map((s) => s.id)),
  ]),
);
const LETTERS = ['A', 'B', 'C', 'D'] as const;

export interface FixtureQuestion {
  id: string;
  skill: string;
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
  const skills = SKILLS[domain]!;
  // Keys rotate B, C, D, A so the bank's letters stay balanced; question 1 of each domain keys B.
  const answer = LETTERS[index % 4]!;
  return {
    id: `${domain}-${String(index).padStart(3, '0')}`,
    skill: skills[(index - 1) % skills.length]!,
    tags: [domain === 'infra' ? 'infrastructure' : domain],
    stem: uniqueStem(domain, index),
    choices: ['First option', 'Second option', 'Third option', 'Fourth option'],
    answer,
    explanation: `Because option ${answer} is right.`,
    whyNot: Object.fromEntries(LETTERS.filter((l) => l !== answer).map((l) => [l, `${l} is wrong.`])),
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
  // The fixture's generated ids are its own: none is retired unless a test says so.
  writeFileSync(join(dir, 'retired.yaml'), stringify({ retired: [] }));
  mkdirSync(join(dir, 'questions'));
  for (const domain of DOMAIN_IDS) {
    writeFileSync(join(dir, 'questions', `${domain}.yaml`), stringify({ domain, questions: bank[domain] }));
  }
  edit?.(dir);
  return dir;
}
