// Spaced repetition of missed questions, scheduled by FSRS (ts-fsrs). Cards are stored as plain
// JSON, so dates travel as epoch milliseconds.
import { createEmptyCard, fsrs, Rating, type Card } from 'ts-fsrs';

// Day-level intervals suit a study group; minute-level learning steps would re-ask a miss at once.
const scheduler = fsrs({ enable_short_term: false, enable_fuzz: false });

export interface StoredCard {
  due: number;
  stability: number;
  difficulty: number;
  elapsed_days: number;
  scheduled_days: number;
  learning_steps: number;
  reps: number;
  lapses: number;
  state: number;
  last_review?: number;
}

function toCard(stored: StoredCard): Card {
  return { ...stored, due: new Date(stored.due), last_review: stored.last_review === undefined ? undefined : new Date(stored.last_review) } as Card;
}

function toStored(card: Card): StoredCard {
  const { due, last_review, ...rest } = card;
  return { ...rest, due: due.getTime(), ...(last_review && { last_review: last_review.getTime() }) };
}

/** Schedules a card after an answer: a miss is "Again", a right answer "Good". New misses start a card. */
export function scheduleReview(card: StoredCard | undefined, correct: boolean, now: Date): StoredCard {
  const current = card ? toCard(card) : createEmptyCard(now);
  return toStored(scheduler.next(current, now, correct ? Rating.Good : Rating.Again).card);
}

export type ReviewDeck = Record<string, StoredCard>;

export function dueQuestionIds(deck: ReviewDeck, now: Date): string[] {
  return Object.entries(deck)
    .filter(([, card]) => card.due <= now.getTime())
    .sort((a, b) => a[1].due - b[1].due)
    .map(([id]) => id);
}

export function nextDue(deck: Record<string, { due: number }>): number | undefined {
  const dues = Object.values(deck).map((c) => c.due);
  return dues.length > 0 ? Math.min(...dues) : undefined;
}
