// A round's record and the pure steps that move it on: closing a question (scoring its answers),
// the scoreboard's order, and the domain the group missed most.
import type { ChoiceLetter, DomainId } from '../../content/ids.ts';
import { IDLE_QUESTIONS_LIMIT, pointsFor } from './rules.ts';

export type SessionPhase =
  /** The current question is live (or about to be posted when `messageId` is missing). */
  | 'asking'
  /** The current question is revealed; the next one is posted at `nextAt`. */
  | 'revealed'
  | 'ended';

export type EndReason = 'finished' | 'stopped' | 'idle' | 'interrupted';

export interface SessionAnswer {
  letter: ChoiceLetter;
  /** When the click arrived (bot clock, ms). */
  at: number;
}

export interface ScoreLine {
  points: number;
  correct: number;
  answered: number;
  /** Total ms taken by correct answers: the tie-breaker (faster is better). */
  correctMs: number;
}

export interface QuestionResult {
  questionId: string;
  domain: DomainId;
  answered: number;
  correct: number;
  /** Fastest correct answerers, fastest first (at most 3). */
  fastest: { userId: string; ms: number }[];
  /** Personal stats and the channel's record have taken this question's answers. */
  settled: boolean;
}

export interface SessionRecord {
  v: 1;
  sessionId: string;
  guildId: string;
  channelId: string;
  startedBy: string;
  startedAt: number;
  domain?: DomainId;
  seconds: number;
  questionIds: string[];
  /** Index of the current question. */
  current: number;
  phase: SessionPhase;
  /** The current question's message, once posted. */
  messageId?: string;
  askedAt?: number;
  deadline?: number;
  /** After a reveal: when the next question goes out. */
  nextAt?: number;
  /** Set by Stop: the current question closes and the round ends. */
  stopRequestedBy?: string;
  previousAnswerers: string[];
  idleStreak: number;
  scores: Record<string, ScoreLine>;
  results: QuestionResult[];
  endReason?: EndReason;
  endedAt?: number;
  /** The final scoreboard's message. */
  finalMessageId?: string;
}

/** A round about to ask its first question. */
export function newRound(
  start: Pick<SessionRecord, 'sessionId' | 'guildId' | 'channelId' | 'startedBy' | 'startedAt' | 'seconds' | 'questionIds'> & { domain?: DomainId },
): SessionRecord {
  return { v: 1, ...start, current: 0, phase: 'asking', previousAnswerers: [], idleStreak: 0, scores: {}, results: [] };
}

export function isLive(session: SessionRecord | undefined): session is SessionRecord {
  return session !== undefined && session.phase !== 'ended';
}

export function emptyScore(): ScoreLine {
  return { points: 0, correct: 0, answered: 0, correctMs: 0 };
}

/**
 * Scores the current question's answers into the record and says what comes next: the record
 * moves to 'revealed' (or 'ended' after the last question, a stop, two silent questions in a
 * row, or a question found long past its deadline).
 */
export function closeQuestion(
  session: SessionRecord,
  answers: Record<string, SessionAnswer>,
  correctLetter: ChoiceLetter,
  domain: DomainId,
  now: number,
  options: { pauseMs: number; stale?: boolean },
): SessionRecord {
  const askedAt = session.askedAt ?? now;
  const durationMs = session.seconds * 1000;
  const scores = { ...session.scores };
  const fastest: { userId: string; ms: number }[] = [];
  let correct = 0;
  for (const [userId, answer] of Object.entries(answers)) {
    const ms = Math.max(0, answer.at - askedAt);
    const right = answer.letter === correctLetter;
    const line = { ...(scores[userId] ?? emptyScore()) };
    line.answered += 1;
    if (right) {
      correct += 1;
      line.correct += 1;
      line.correctMs += ms;
      line.points += pointsFor(true, ms, durationMs);
      fastest.push({ userId, ms });
    }
    scores[userId] = line;
  }
  fastest.sort((a, b) => a.ms - b.ms || a.userId.localeCompare(b.userId));
  const answerers = Object.keys(answers);
  const result: QuestionResult = {
    questionId: session.questionIds[session.current]!,
    domain,
    answered: answerers.length,
    correct,
    fastest: fastest.slice(0, 3),
    settled: false,
  };
  const idleStreak = answerers.length === 0 ? session.idleStreak + 1 : 0;
  const last = session.current >= session.questionIds.length - 1;
  const endReason: EndReason | undefined = session.stopRequestedBy
    ? 'stopped'
    : options.stale
      ? 'interrupted'
      : idleStreak >= IDLE_QUESTIONS_LIMIT
        ? 'idle'
        : last
          ? 'finished'
          : undefined;
  const { nextAt: _next, ...rest } = session;
  const closed: SessionRecord = {
    ...rest,
    scores,
    results: [...session.results.slice(0, session.current), result],
    previousAnswerers: answerers,
    idleStreak,
    phase: endReason ? 'ended' : 'revealed',
  };
  return endReason ? { ...closed, endReason, endedAt: now } : { ...closed, nextAt: now + options.pauseMs };
}

/** Ends a round between questions (a stop during the pause): nothing left to score. */
export function endBetweenQuestions(session: SessionRecord, reason: EndReason, now: number): SessionRecord {
  const { nextAt: _next, ...rest } = session;
  return { ...rest, phase: 'ended', endReason: reason, endedAt: now };
}

/** Moves a revealed round to its next question, not yet posted. */
export function advance(session: SessionRecord): SessionRecord {
  const { nextAt: _next, messageId: _message, askedAt: _asked, deadline: _deadline, ...rest } = session;
  return { ...rest, current: session.current + 1, phase: 'asking' };
}

export interface RankedLine extends ScoreLine {
  userId: string;
  rank: number;
}

/** Most points first; ties go to more correct answers, then to less time taken, then by id (stable). */
export function scoreboard(scores: Record<string, ScoreLine>): RankedLine[] {
  const lines = Object.entries(scores).map(([userId, line]) => ({ userId, ...line }));
  lines.sort((a, b) => b.points - a.points || b.correct - a.correct || a.correctMs - b.correctMs || a.userId.localeCompare(b.userId));
  let rank = 0;
  return lines.map((line, i) => {
    const previous = lines[i - 1];
    if (!previous || previous.points !== line.points || previous.correct !== line.correct || previous.correctMs !== line.correctMs) rank = i + 1;
    return { ...line, rank };
  });
}

/**
 * The domain where the group lost the largest share of its answers (misses / answers), among
 * domains with at least one miss; ties go to the domain with more misses. Undefined when nobody
 * missed anything.
 */
export function missedMostDomain(results: readonly QuestionResult[]): { domain: DomainId; missed: number; answered: number } | undefined {
  const byDomain = new Map<DomainId, { missed: number; answered: number }>();
  for (const r of results) {
    const entry = byDomain.get(r.domain) ?? { missed: 0, answered: 0 };
    entry.missed += r.answered - r.correct;
    entry.answered += r.answered;
    byDomain.set(r.domain, entry);
  }
  let best: { domain: DomainId; missed: number; answered: number } | undefined;
  for (const [domain, entry] of byDomain) {
    if (entry.missed === 0) continue;
    const share = entry.missed / entry.answered;
    const bestShare = best ? best.missed / best.answered : -1;
    if (!best || share > bestShare || (share === bestShare && entry.missed > best.missed)) best = { domain, ...entry };
  }
  return best;
}
