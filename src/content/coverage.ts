// How well the bank covers the official outline: questions per skill and per domain against their
// targets, and how the answer keys spread over A-D. The validator enforces it; validate-content prints it.
import { CHOICE_LETTERS, DOMAIN_IDS, MIN_QUESTIONS_PER_DOMAIN, type ChoiceLetter, type DomainId } from './ids.ts';
import type { Content } from './model.ts';

/** Every outline skill needs at least this many questions. */
export const MIN_QUESTIONS_PER_SKILL = 5;
/** Each answer letter keys between these shares of the bank, so guessing one letter never pays. */
export const ANSWER_SHARE = { min: 0.2, max: 0.3 } as const;

export interface SkillCoverage {
  id: string;
  text: string;
  domain: DomainId;
  count: number;
  target: number;
}

export interface Coverage {
  skills: SkillCoverage[];
  domains: { id: DomainId; count: number; target: number }[];
  letters: Record<ChoiceLetter, number>;
  total: number;
}

export function coverage(content: Content): Coverage {
  const perSkill = new Map<string, number>();
  for (const question of content.questions) if (question.skill) perSkill.set(question.skill, (perSkill.get(question.skill) ?? 0) + 1);
  const skills = [...content.skillById.values()].map((skill) => ({
    id: skill.id,
    text: skill.text,
    domain: skill.domain,
    count: perSkill.get(skill.id) ?? 0,
    target: MIN_QUESTIONS_PER_SKILL,
  }));
  const domains = DOMAIN_IDS.map((id) => ({ id, count: content.questionsByDomain.get(id)?.length ?? 0, target: MIN_QUESTIONS_PER_DOMAIN[id] }));
  const letters = Object.fromEntries(CHOICE_LETTERS.map((letter) => [letter, content.questions.filter((q) => q.answer === letter).length])) as Record<
    ChoiceLetter,
    number
  >;
  return { skills, domains, letters, total: content.questions.length };
}

/** The coverage as a plain-text table, one line per skill and per domain. */
export function formatCoverage(report: Coverage): string {
  const mark = (count: number, target: number) => (count >= target ? ' ' : '!');
  const lines = ['Questions per skill (target in brackets):'];
  for (const skill of report.skills)
    lines.push(`${mark(skill.count, skill.target)} ${skill.id.padEnd(6)} ${String(skill.count).padStart(3)} [${skill.target}]  ${skill.text}`);
  lines.push('', 'Questions per domain:');
  for (const domain of report.domains)
    lines.push(`${mark(domain.count, domain.target)} ${domain.id.padEnd(13)} ${String(domain.count).padStart(3)} [${domain.target}]`);
  const shares = CHOICE_LETTERS.map((letter) => `${letter} ${Math.round((report.letters[letter] / Math.max(1, report.total)) * 100)}%`).join(', ');
  lines.push('', `Answer letters: ${shares} of ${report.total} (each ${ANSWER_SHARE.min * 100}-${ANSWER_SHARE.max * 100}%)`);
  return lines.join('\n');
}
