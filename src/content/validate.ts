// Rules beyond the schema: cross-references, duplicates and coverage. Whether every message
// fits Discord's limits is render's check (src/render/contentChecks.ts).
import { CHOICE_LETTERS, DOMAIN_IDS, MIN_QUESTIONS_PER_DOMAIN, MISS_TAGS } from './ids.ts';
import type { Content, ContentProblem } from './model.ts';
import type { Question } from './schema.ts';
import { ANSWER_SHARE, coverage } from './coverage.ts';

/** Stems sharing this much of their word pairs are treated as the same question reworded. */
export const NEAR_DUPLICATE_SIMILARITY = 0.6;

function normalize(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** For comparing choices: case, spacing and a final full stop do not make a choice different;
 * other punctuation does (`${{x}}` and `{{x}}` are different answers). */
function normalizeChoice(text: string): string {
  return text
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .replace(/[.\s]+$/, '')
    .trim();
}

function shingles(text: string): Set<string> {
  const words = normalize(text).split(' ');
  const pairs = new Set<string>();
  for (let i = 0; i + 1 < words.length; i++) pairs.add(`${words[i]} ${words[i + 1]}`);
  return pairs;
}

export function similarity(a: string, b: string): number {
  return overlap(shingles(a), shingles(b));
}

/** Jaccard overlap of two word-pair sets. */
function overlap(x: Set<string>, y: Set<string>): number {
  let shared = 0;
  for (const pair of x) if (y.has(pair)) shared++;
  const union = x.size + y.size - shared;
  return union === 0 ? 1 : shared / union;
}

export function validateContent(content: Content): ContentProblem[] {
  const problems: ContentProblem[] = [];
  const add = (file: string, field: string, message: string) => problems.push({ file, field, message });
  checkVocabulary(content, add);
  checkQuestions(content, add);
  return problems;
}

type Add = (file: string, field: string, message: string) => void;

function checkVocabulary(content: Content, add: Add): void {
  for (const id of DOMAIN_IDS) {
    const count = content.domains.filter((d) => d.id === id).length;
    if (count !== 1) add('domains.yaml', 'domains', `domain "${id}" must appear exactly once (found ${count})`);
  }
  for (const domain of content.domains) {
    if (domain.weight.min > domain.weight.max) add('domains.yaml', `domains(${domain.id}).weight`, 'min is above max');
  }
  for (const id of MISS_TAGS) {
    const count = content.tags.filter((t) => t.id === id).length;
    if (count !== 1) add('tags.yaml', 'tags', `tag "${id}" must appear exactly once (found ${count})`);
  }
  const seen = new Set<string>();
  for (const d of content.distinctions) {
    if (seen.has(d.id)) add('distinctions.yaml', `distinctions(${d.id})`, 'duplicate id');
    seen.add(d.id);
  }
  const groups = new Map(content.outline.flatMap((domain) => domain.groups.map((group) => [group.id, { domain: domain.id, title: group.title }] as const)));
  for (const d of content.distinctions) {
    const group = groups.get(d.group);
    if (!group) add('distinctions.yaml', `distinctions(${d.id}).group`, `unknown skill group "${d.group}" (see outline.yaml)`);
    else if (group.domain !== d.domain)
      add('distinctions.yaml', `distinctions(${d.id}).group`, `group ${d.group} belongs to domain "${group.domain}", not "${d.domain}"`);
  }
  for (const [id, group] of groups) {
    if (content.outline.length > 0 && !content.distinctions.some((d) => d.group === id)) {
      add('distinctions.yaml', 'distinctions', `skill group ${id} (${group.title}) needs at least one distinction`);
    }
  }
  const names = new Map<string, string>();
  for (const d of content.distinctions) {
    const key = normalize(d.name);
    if (names.has(key)) add('distinctions.yaml', `distinctions(${d.id}).name`, `same name as ${names.get(key)}`);
    names.set(key, d.id);
  }
}

function checkQuestions(content: Content, add: Add): void {
  const fileOf = (q: Question) => content.questionFile.get(q.id) ?? `questions/${q.domain}.yaml`;
  const ids = new Map<string, string>();
  for (const q of content.questions) {
    const file = fileOf(q);
    const where = `questions(${q.id})`;
    if (ids.has(q.id)) add(file, where, `duplicate id (also in ${ids.get(q.id)})`);
    else ids.set(q.id, file);
    if (!q.id.startsWith(`${q.domain}-`)) add(file, `${where}.id`, `must start with "${q.domain}-"`);
    if (q.distinction !== undefined && !content.distinctionById.has(q.distinction)) {
      add(file, `${where}.distinction`, `unknown distinction "${q.distinction}"`);
    }
    if (q.skill === undefined) add(file, `${where}.skill`, 'missing: name the outline skill it tests (outline.yaml)');
    else {
      const skill = content.skillById.get(q.skill);
      if (!skill) add(file, `${where}.skill`, `unknown skill "${q.skill}" (see outline.yaml)`);
      else if (skill.domain !== q.domain) add(file, `${where}.skill`, `skill ${q.skill} belongs to domain "${skill.domain}", not "${q.domain}"`);
    }
    if (new Set(q.tags).size !== q.tags.length) add(file, `${where}.tags`, 'repeats a tag');
    const choices = q.choices.map(normalizeChoice);
    if (new Set(choices).size !== choices.length) add(file, `${where}.choices`, 'two choices are the same');
    if (CHOICE_LETTERS.indexOf(q.answer) >= q.choices.length) add(file, `${where}.answer`, `"${q.answer}" is not one of the choices`);
    for (const letter of CHOICE_LETTERS) {
      const wrong = letter !== q.answer;
      if (wrong && !q.whyNot[letter]) add(file, `${where}.whyNot.${letter}`, `missing: say why ${letter} is wrong`);
      if (!wrong && q.whyNot[letter]) add(file, `${where}.whyNot.${letter}`, `${letter} is the answer; explain it in "explanation"`);
    }
  }
  // Word pairs once per stem, not once per comparison: this runs at every start-up.
  const stemPairs = content.questions.map((q) => shingles(q.stem));
  for (let i = 0; i < content.questions.length; i++) {
    for (let j = i + 1; j < content.questions.length; j++) {
      const a = content.questions[i]!;
      const b = content.questions[j]!;
      const score = overlap(stemPairs[i]!, stemPairs[j]!);
      if (score >= NEAR_DUPLICATE_SIMILARITY) {
        const kind = normalize(a.stem) === normalize(b.stem) ? 'duplicate' : 'near-duplicate';
        add(fileOf(b), `questions(${b.id}).stem`, `${kind} of ${a.id} (similarity ${score.toFixed(2)})`);
      }
    }
  }
  for (const domain of DOMAIN_IDS) {
    const count = content.questionsByDomain.get(domain)?.length ?? 0;
    const min = MIN_QUESTIONS_PER_DOMAIN[domain];
    if (count < min) add(`questions/${domain}.yaml`, 'questions', `has ${count} questions; the exam weight needs at least ${min}`);
  }
  checkCoverage(content, add);
}

function checkCoverage(content: Content, add: Add): void {
  const report = coverage(content);
  for (const skill of report.skills) {
    if (skill.count < skill.target)
      add('outline.yaml', `skill ${skill.id}`, `has ${skill.count} questions; every skill needs at least ${skill.target} (${skill.text})`);
  }
  if (report.total === 0) return;
  for (const letter of CHOICE_LETTERS) {
    const share = report.letters[letter] / report.total;
    if (share < ANSWER_SHARE.min || share > ANSWER_SHARE.max) {
      add(
        'questions',
        'answer',
        `${letter} keys ${Math.round(share * 100)}% of the questions; each letter must key ${ANSWER_SHARE.min * 100}-${ANSWER_SHARE.max * 100}%`,
      );
    }
  }
}
