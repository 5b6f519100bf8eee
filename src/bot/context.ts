// What every handler gets: content, store, logger, and the clock and random source (passed in
// so tests are deterministic).
import type { Content } from '../content/load.ts';
import type { DomainWeights } from '../domain/mastery.ts';
import type { Random } from '../domain/random.ts';
import type { Logger } from '../logger.ts';
import type { DailyStore } from '../store/dailyStore.ts';
import type { ExamStore } from '../store/examStore.ts';
import type { ReportStore } from '../store/reportStore.ts';
import type { StudyStore } from '../store/studyStore.ts';
import type { LiveCounter } from './daily/liveCount.ts';

export interface BotContext {
  content: Content;
  weights: DomainWeights;
  store: StudyStore;
  exams: ExamStore;
  daily: { store: DailyStore; liveCounter: LiveCounter };
  reports: ReportStore;
  logger: Logger;
  now: () => Date;
  random: Random;
  /** How long a handler may work before deferring (default 1.5 s; tests shorten it). */
  deferAfterMs?: number;
}
