// Drawing a mock exam: per domain in proportion to the exam weights, avoiding questions the
// learner met in their recent exams while the domain still has others.
import { DOMAIN_IDS } from '../../content/ids.ts';
import type { Question } from '../../content/schema.ts';
import { allocateByWeight } from '../diagnostic.ts';
import type { DomainWeights } from '../mastery.ts';
import type { Random } from '../random.ts';

export const EXAM_LENGTHS = [20, 40, 50] as const;
export type ExamLength = (typeof EXAM_LENGTHS)[number];
export const DEFAULT_EXAM_LENGTH: ExamLength = 50;
/** Two minutes per question: 100 minutes for 50, like the real exam. */
export const MS_PER_QUESTION = 2 * 60_000;

export function isExamLength(value: number): value is ExamLength {
  return (EXAM_LENGTHS as readonly number[]).includes(value);
}

export function examDurationMs(length: number): number {
  return length * MS_PER_QUESTION;
}

/** Takes `count` items at random (partial Fisher-Yates), without changing `items`. */
function sample<T>(items: readonly T[], count: number, random: Random): T[] {
  const copy = [...items];
  const n = Math.min(count, copy.length);
  for (let i = 0; i < n; i++) {
    const j = i + Math.floor(random() * (copy.length - i));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy.slice(0, n);
}

/**
 * The questions of one exam, shuffled. Each domain gets its largest-remainder share of `length`;
 * inside a domain, questions not in `seenInRecentExams` come first, and seen ones fill the rest
 * only when the domain runs out.
 */
export function drawExam(
  questions: readonly Question[],
  weights: DomainWeights,
  seenInRecentExams: ReadonlySet<string>,
  random: Random,
  length: number,
): Question[] {
  const counts = allocateByWeight(weights, length);
  const drawn: Question[] = [];
  for (const domain of DOMAIN_IDS) {
    const pool = questions.filter((q) => q.domain === domain);
    const fresh = pool.filter((q) => !seenInRecentExams.has(q.id));
    const seen = pool.filter((q) => seenInRecentExams.has(q.id));
    const fromFresh = sample(fresh, counts[domain], random);
    drawn.push(...fromFresh, ...sample(seen, counts[domain] - fromFresh.length, random));
  }
  return sample(drawn, drawn.length, random);
}
