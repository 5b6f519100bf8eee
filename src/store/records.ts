// The shapes kept in the store. Plain JSON; every record carries a version for later migrations.
import type { ChoiceLetter, DomainId, MissTag } from '../content/ids.ts';
import type { TagCounts } from '../domain/advice.ts';
import type { ReadinessPoint } from '../domain/exam/readinessHistory.ts';
import type { DomainTallies } from '../domain/mastery.ts';
import type { ReviewDeck } from '../domain/review.ts';
import type { Streak } from '../domain/streak.ts';

export interface PeriodTallies {
  key: string;
  tallies: DomainTallies;
}

/** Small per-user record read by leaderboards: mastery tallies for all time, this week, this month. */
export interface MasterySummary {
  v: 1;
  all: DomainTallies;
  week: PeriodTallies;
  month: PeriodTallies;
  updatedAt: number;
}

export interface LoggedMiss {
  at: number;
  tag: MissTag;
  domain?: DomainId;
  note?: string;
}

export interface DiagnosticRun {
  runId: string;
  questionIds: string[];
  answers: ChoiceLetter[];
  startedAt: number;
}

/** Everything else about one learner in one server. */
export interface LearnerRecord {
  v: 1;
  /** Question ids served lately, most recent last. */
  recent: string[];
  /** Serve ids already answered, so a double click records once; with the letter given. */
  answered: Record<string, ChoiceLetter>;
  answeredOrder: string[];
  tagMisses: TagCounts;
  loggedMisses: TagCounts;
  missLog: LoggedMiss[];
  review: ReviewDeck;
  streak?: Streak;
  diagnostic?: DiagnosticRun;
  /** Readiness after each day's last answer, oldest first (see readinessHistory.ts). */
  readiness?: ReadinessPoint[];
  /** Ids of the last mock exams whose answers are recorded, so scoring twice records once. */
  examsRecorded?: string[];
}

export const RECENT_LIMIT = 40;
export const ANSWERED_LIMIT = 300;
export const MISS_LOG_LIMIT = 100;
export const EXAMS_RECORDED_LIMIT = 20;

export function emptyLearner(): LearnerRecord {
  return { v: 1, recent: [], answered: {}, answeredOrder: [], tagMisses: {}, loggedMisses: {}, missLog: [], review: {} };
}

export function emptySummary(weekKey: string, monthKey: string): MasterySummary {
  return { v: 1, all: {}, week: { key: weekKey, tallies: {} }, month: { key: monthKey, tallies: {} }, updatedAt: 0 };
}
