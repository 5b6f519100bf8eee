// What every handler gets: content, store, logger, and the clock and random source (passed in
// so tests are deterministic).
import type { Content } from '../content/load.ts';
import type { DomainWeights } from '../domain/mastery.ts';
import type { Random } from '../domain/random.ts';
import type { Logger } from '../logger.ts';
import type { SessionRecord } from '../domain/session/round.ts';
import type { DailyStore } from '../store/dailyStore.ts';
import type { QuestionAnswers, SessionStore } from '../store/sessionStore.ts';
import type { ExamStore } from '../store/examStore.ts';
import type { ReportStore } from '../store/reportStore.ts';
import type { StudyStore } from '../store/studyStore.ts';
import type { LiveCounter } from './daily/liveCount.ts';

/** What handlers need from the study-session runner (bot/session/runner.ts implements it). */
export interface SessionDriver {
  /** Runs a round that was just saved: posts its first question. */
  launch(session: SessionRecord): Promise<void>;
  /** After each recorded answer: batches the live count, and closes the question early when the group is done. */
  noteAnswer(session: SessionRecord, answers: QuestionAnswers): void;
  /** Moves a round on now (after Stop was saved): reveals the current question and posts the scoreboard. */
  stepNow(guildId: string, channelId: string): Promise<void>;
}

export interface BotContext {
  content: Content;
  weights: DomainWeights;
  store: StudyStore;
  exams: ExamStore;
  daily: { store: DailyStore; liveCounter: LiveCounter };
  reports: ReportStore;
  sessions: { store: SessionStore; driver: SessionDriver };
  logger: Logger;
  now: () => Date;
  random: Random;
  /** How long a handler may work before deferring (default 1.5 s; tests shorten it). */
  deferAfterMs?: number;
}
