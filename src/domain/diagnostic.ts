// The diagnostic: a fixed-length run drawn across the five domains in proportion to the exam
// weights, scored per domain at the end.
import { DOMAIN_IDS, type ChoiceLetter, type DomainId } from '../content/ids.ts';
import type { Question } from '../content/schema.ts';
import type { DomainWeights } from './mastery.ts';
import { pickFresh } from './questionChoice.ts';
import type { Random } from './random.ts';

export const DIAGNOSTIC_LENGTH = 10;

/** Questions per domain by largest remainder, so the counts always add up to `total`. */
export function allocateByWeight(weights: DomainWeights, total: number): Record<DomainId, number> {
  const exact = DOMAIN_IDS.map((id) => ({ id, share: weights[id] * total }));
  const counts = Object.fromEntries(exact.map(({ id, share }) => [id, Math.floor(share)])) as Record<DomainId, number>;
  let left = total - Object.values(counts).reduce((a, b) => a + b, 0);
  for (const { id } of [...exact].sort((a, b) => (b.share % 1) - (a.share % 1) || weights[b.id] - weights[a.id])) {
    if (left-- <= 0) break;
    counts[id] += 1;
  }
  return counts;
}

export function drawDiagnostic(
  questions: readonly Question[],
  weights: DomainWeights,
  recent: readonly string[],
  random: Random,
  total = DIAGNOSTIC_LENGTH,
): Question[] {
  const counts = allocateByWeight(weights, total);
  const drawn: Question[] = [];
  for (const domain of DOMAIN_IDS) {
    let pool = questions.filter((q) => q.domain === domain);
    for (let i = 0; i < counts[domain] && pool.length > 0; i++) {
      const question = pickFresh(pool, recent, {}, random)!;
      drawn.push(question);
      pool = pool.filter((q) => q !== question);
    }
  }
  // Shuffle so the run does not go domain by domain.
  for (let i = drawn.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [drawn[i], drawn[j]] = [drawn[j]!, drawn[i]!];
  }
  return drawn;
}

export interface DomainScore {
  domain: DomainId;
  correct: number;
  asked: number;
}

export function scoreDiagnostic(questions: readonly Question[], answers: readonly ChoiceLetter[]): DomainScore[] {
  return DOMAIN_IDS.map((domain) => {
    let correct = 0;
    let asked = 0;
    questions.forEach((q, i) => {
      if (q.domain !== domain || answers[i] === undefined) return;
      asked++;
      if (answers[i] === q.answer) correct++;
    });
    return { domain, correct, asked };
  });
}

/** The weakest domain of a run: lowest share right, ties to the heavier exam weight. */
export function weakestInRun(scores: readonly DomainScore[], weights: DomainWeights): DomainId {
  const share = (s: DomainScore) => (s.asked === 0 ? 1 : s.correct / s.asked);
  return [...scores].sort((a, b) => share(a) - share(b) || weights[b.domain] - weights[a.domain])[0]!.domain;
}
