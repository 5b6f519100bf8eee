// The rules of a study session (a live quiz round for a whole channel): its limits, how an answer
// scores, and when a question closes early. Plain values, no Discord.

export const SESSION_LIMITS = {
  questions: { min: 5, max: 20, default: 10 },
  seconds: { min: 15, max: 120, default: 30 },
} as const;

/** The pause between a reveal and the next question, so the group can read the explanation. */
export const REVEAL_PAUSE_MS = 8_000;
/** A round ends by itself after this many questions in a row that nobody answered. */
export const IDLE_QUESTIONS_LIMIT = 2;
/** A question whose deadline passed this long ago (the bot was down) ends the round instead of moving on. */
export const STALE_AFTER_MS = 10 * 60_000;

/** Points for a correct answer, plus a speed bonus that shrinks linearly to nothing at the deadline. */
export const BASE_POINTS = 100;
export const SPEED_BONUS = 50;

/**
 * Points for one answer: 0 when wrong; 100 when right, plus up to 50 for speed
 * (50 × the share of the question's time still left when the answer came, rounded).
 */
export function pointsFor(correct: boolean, elapsedMs: number, durationMs: number): number {
  if (!correct) return 0;
  const left = durationMs <= 0 ? 0 : 1 - Math.min(Math.max(elapsedMs, 0), durationMs) / durationMs;
  return BASE_POINTS + Math.round(SPEED_BONUS * left);
}

export function clampQuestions(value: number | null | undefined): number {
  return clamp(value ?? SESSION_LIMITS.questions.default, SESSION_LIMITS.questions.min, SESSION_LIMITS.questions.max);
}

export function clampSeconds(value: number | null | undefined): number {
  return clamp(value ?? SESSION_LIMITS.seconds.default, SESSION_LIMITS.seconds.min, SESSION_LIMITS.seconds.max);
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, Math.round(value)));
}

/**
 * A question closes before its time when everyone who answered the previous question has
 * answered this one (the group is done waiting). Without a previous answerer there is no such
 * group, so the question runs its full time.
 */
export function everyoneAnswered(previousAnswerers: readonly string[], answered: ReadonlySet<string> | ((userId: string) => boolean)): boolean {
  if (previousAnswerers.length === 0) return false;
  const has = typeof answered === 'function' ? answered : (id: string) => answered.has(id);
  return previousAnswerers.every(has);
}
