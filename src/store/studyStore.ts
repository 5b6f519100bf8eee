// The one module that knows the store's keys. Every record is partitioned by server ("guild";
// direct messages use the pseudo-guild "dm"), and every read-modify-write of a learner runs in
// that learner's lock (across processes on a shared database) so concurrent answers never
// overwrite each other.
import type { ChoiceLetter, DomainId, MissTag } from '../content/ids.ts';
import { noteReadiness } from '../domain/exam/readinessHistory.ts';
import { addAnswer, readiness, type DomainTallies, type DomainWeights } from '../domain/mastery.ts';
import { isoWeekKey, monthKey } from '../domain/periods.ts';
import { scheduleReview } from '../domain/review.ts';
import { extendStreak } from '../domain/streak.ts';
import { GuildSummaryCache } from './summaryCache.ts';
import type { KeyValue, Records } from './kv.ts';
import {
  ANSWERED_LIMIT,
  EXAMS_RECORDED_LIMIT,
  MISS_LOG_LIMIT,
  RECENT_LIMIT,
  emptyLearner,
  emptySummary,
  type DiagnosticRun,
  type LearnerRecord,
  type LoggedMiss,
  type MasterySummary,
} from './records.ts';

export const DM_GUILD = 'dm';

const keys = {
  learner: (guild: string, user: string) => `g:${guild}:u:${user}`,
  summary: (guild: string, user: string) => `g:${guild}:s:${user}`,
  summaryPrefix: (guild: string) => `g:${guild}:s:`,
};

export class StoreError extends Error {
  constructor(operation: string, cause: unknown) {
    super(`store ${operation} failed: ${(cause as Error)?.message ?? String(cause)}`, { cause });
    this.name = 'StoreError';
  }
}

/** Runs a store operation so that any backend failure reaches the caller as a StoreError. */
export async function guarded<T>(operation: string, task: () => Promise<T>): Promise<T> {
  try {
    return await task();
  } catch (error) {
    throw error instanceof StoreError ? error : new StoreError(operation, error);
  }
}

export interface AnswerInput {
  questionId: string;
  domain: DomainId;
  tags: readonly MissTag[];
  correct: boolean;
  letter: ChoiceLetter;
  /** The serve id from the button; the same serve is recorded once. */
  serve?: string;
  /** Review answers reschedule the card; quiz misses add one. */
  source: 'quiz' | 'review' | 'diagnostic' | 'daily' | 'session' | 'exam';
  now: Date;
}

export type AnswerOutcome =
  | { status: 'recorded'; summary: MasterySummary; learner: LearnerRecord; previous?: MasterySummary }
  | { status: 'duplicate'; letter: ChoiceLetter }
  | { status: 'rejected'; reason: string };

/** The question picked for a learner (none when nothing fits), with the record the pick saw. */
export interface ServedQuestion {
  questionId?: string;
  learner: LearnerRecord;
}

/** Lets a caller make an answer conditional on the learner's state, and change it in the same write. */
export interface AnswerHooks {
  /** Returns a reason to refuse the answer, checked under the learner's lock. */
  check?: (learner: LearnerRecord) => string | undefined;
  /** Further changes saved with the answer. */
  afterAnswer?: (learner: LearnerRecord) => LearnerRecord;
}

/** Rolls period tallies over when the calendar week or month changes. */
export function currentSummary(summary: MasterySummary | undefined, now: Date): MasterySummary {
  const week = isoWeekKey(now);
  const month = monthKey(now);
  const base = summary ?? emptySummary(week, month);
  return {
    ...base,
    week: base.week.key === week ? base.week : { key: week, tallies: {} },
    month: base.month.key === month ? base.month : { key: month, tallies: {} },
  };
}

function tally(tallies: DomainTallies, domain: DomainId, correct: boolean): DomainTallies {
  return { ...tallies, [domain]: addAnswer(tallies[domain], correct) };
}

/** A summary with one more answer counted for all time, this week and this month. */
function summaryWithAnswer(stored: MasterySummary | undefined, domain: DomainId, correct: boolean, at: Date): MasterySummary {
  const before = currentSummary(stored, at);
  return {
    ...before,
    all: tally(before.all, domain, correct),
    week: { key: before.week.key, tallies: tally(before.week.tallies, domain, correct) },
    month: { key: before.month.key, tallies: tally(before.month.tallies, domain, correct) },
    updatedAt: at.getTime(),
  };
}

export class StudyStore {
  private readonly summaries = new GuildSummaryCache();

  /**
   * `onBackgroundFailure` hears about writes nobody waits for (see serveQuestion); log them.
   * With the exam `weights`, every change of mastery also notes the day's readiness point.
   */
  constructor(
    private readonly kv: KeyValue,
    private readonly onBackgroundFailure: (error: StoreError) => void = () => undefined,
    private readonly options: { weights?: DomainWeights } = {},
  ) {}

  /** The learner with today's readiness point noted from the new summary. */
  private withReadiness(learner: LearnerRecord, summary: MasterySummary, at: Date): LearnerRecord {
    const weights = this.options.weights;
    return weights ? { ...learner, readiness: noteReadiness(learner.readiness, at, readiness(summary.all, weights)) } : learner;
  }

  private learnerLock<T>(guild: string, user: string, task: (records: Records) => Promise<T>): Promise<T> {
    return this.kv.atomically(keys.learner(guild, user), task);
  }

  private async readLearner(guild: string, user: string, records: Records = this.kv): Promise<LearnerRecord> {
    return (await records.get<LearnerRecord>(keys.learner(guild, user))) ?? emptyLearner();
  }

  async getLearner(guild: string, user: string): Promise<LearnerRecord> {
    return guarded('read', () => this.readLearner(guild, user));
  }

  async getSummary(guild: string, user: string, now: Date): Promise<MasterySummary> {
    return guarded('read', async () => currentSummary(await this.kv.get<MasterySummary>(keys.summary(guild, user)), now));
  }

  /** Changes a learner record under the learner's lock; `change` returns what to save (or undefined to skip). */
  async updateLearner<T>(guild: string, user: string, change: (learner: LearnerRecord) => { save?: LearnerRecord; result: T }): Promise<T> {
    return guarded('update', () =>
      this.learnerLock(guild, user, async (records) => {
        const learner = await this.readLearner(guild, user, records);
        const { save, result } = change(learner);
        if (save) await records.set(keys.learner(guild, user), save);
        return result;
      }),
    );
  }

  /**
   * Picks a question from the learner's record and remembers it as shown, so the next pick avoids
   * it. Returns as soon as the pick is made: which question was shown is saved in the background
   * (a lost save can only mean that question comes back sooner), while the learner's lock is held
   * until it is saved, so the learner's next change builds on it. Answers, by contrast, are always
   * saved before anyone is told they count. Returns the record the pick saw.
   */
  async serveQuestion(guild: string, user: string, pick: (learner: LearnerRecord) => string | undefined): Promise<ServedQuestion> {
    let picked!: (served: ServedQuestion) => void;
    const servedNow = new Promise<ServedQuestion>((resolve) => (picked = resolve));
    const saved = guarded('serve', () =>
      this.learnerLock(guild, user, async (records) => {
        const learner = await this.readLearner(guild, user, records);
        const questionId = pick(learner);
        if (!questionId) return picked({ learner });
        const recent = [...learner.recent.filter((id) => id !== questionId), questionId].slice(-RECENT_LIMIT);
        const saving = records.set(keys.learner(guild, user), { ...learner, recent });
        picked({ questionId, learner });
        await saving;
      }),
    );
    // A failed read rejects `saved` before anything is picked, and reaches the caller.
    const served = await Promise.race([servedNow, saved.then(() => servedNow)]);
    saved.catch((error: StoreError) => this.onBackgroundFailure(error));
    return served;
  }

  async recordAnswer(guild: string, user: string, answer: AnswerInput, hooks: AnswerHooks = {}): Promise<AnswerOutcome> {
    const outcome = await guarded('answer', () =>
      this.learnerLock(guild, user, async (records): Promise<AnswerOutcome> => {
        const [storedLearner, storedSummary] = await records.getMany<LearnerRecord | MasterySummary>([keys.learner(guild, user), keys.summary(guild, user)]);
        const learner = (storedLearner as LearnerRecord | undefined) ?? emptyLearner();
        if (answer.serve && learner.answered[answer.serve]) return { status: 'duplicate', letter: learner.answered[answer.serve]! };
        const reason = hooks.check?.(learner);
        if (reason) return { status: 'rejected', reason };

        const summary = summaryWithAnswer(storedSummary as MasterySummary | undefined, answer.domain, answer.correct, answer.now);
        const applied = applyAnswerToLearner(learner, answer);
        const next = this.withReadiness(hooks.afterAnswer ? hooks.afterAnswer(applied) : applied, summary, answer.now);
        // One write for both records: an answer is never half-recorded.
        await records.setMany([
          [keys.learner(guild, user), next],
          [keys.summary(guild, user), summary],
        ]);
        const previous = storedSummary as MasterySummary | undefined;
        return { status: 'recorded', summary, learner: next, ...(previous && { previous }) };
      }),
    );
    // Noted once saved: a transaction that failed to commit must not reach the leaderboard.
    if (outcome.status === 'recorded') this.summaries.note(guild, user, outcome.summary);
    return outcome;
  }

  /**
   * Records every answer of a mock exam in one write (stats, misses, review queue, readiness).
   * Recorded once per exam id: scoring the same exam again (a retry after a crash, or a click
   * racing the sweep) changes nothing. Returns false when the exam was already recorded.
   */
  async recordExamAnswers(guild: string, user: string, examId: string, answers: readonly AnswerInput[], at: Date): Promise<boolean> {
    const recorded = await guarded('answer', () =>
      this.learnerLock(guild, user, async (records) => {
        const [storedLearner, storedSummary] = await records.getMany<LearnerRecord | MasterySummary>([keys.learner(guild, user), keys.summary(guild, user)]);
        let learner = (storedLearner as LearnerRecord | undefined) ?? emptyLearner();
        if (learner.examsRecorded?.includes(examId)) return undefined;
        let summary = storedSummary as MasterySummary | undefined;
        for (const answer of answers) {
          summary = summaryWithAnswer(summary, answer.domain, answer.correct, answer.now);
          learner = applyAnswerToLearner(learner, answer);
        }
        learner = { ...learner, examsRecorded: [...(learner.examsRecorded ?? []), examId].slice(-EXAMS_RECORDED_LIMIT) };
        if (summary) learner = this.withReadiness(learner, summary, at);
        await records.setMany([[keys.learner(guild, user), learner], ...(summary ? [[keys.summary(guild, user), summary] as [string, unknown]] : [])]);
        return { summary };
      }),
    );
    if (!recorded) return false;
    if (recorded.summary) this.summaries.note(guild, user, recorded.summary);
    return true;
  }

  async logMiss(guild: string, user: string, miss: LoggedMiss): Promise<LearnerRecord> {
    const { learner: next, summary } = await guarded('log miss', () =>
      this.learnerLock(guild, user, async (records) => {
        const learner = await this.readLearner(guild, user, records);
        const noted: LearnerRecord = {
          ...learner,
          loggedMisses: { ...learner.loggedMisses, [miss.tag]: (learner.loggedMisses[miss.tag] ?? 0) + 1 },
          missLog: [...learner.missLog, miss].slice(-MISS_LOG_LIMIT),
        };
        if (!miss.domain) {
          await records.set(keys.learner(guild, user), noted);
          return { learner: noted, summary: undefined };
        }
        // A practice-test miss in a known domain counts against that domain's mastery too,
        // written together with the learner record.
        const summary = summaryWithAnswer(await records.get<MasterySummary>(keys.summary(guild, user)), miss.domain, false, new Date(miss.at));
        const next = this.withReadiness(noted, summary, new Date(miss.at));
        await records.setMany([
          [keys.learner(guild, user), next],
          [keys.summary(guild, user), summary],
        ]);
        return { learner: next, summary };
      }),
    );
    if (summary) this.summaries.note(guild, user, summary);
    return next;
  }

  async saveDiagnostic(guild: string, user: string, run: DiagnosticRun | undefined): Promise<void> {
    await this.updateLearner(guild, user, (learner) => {
      const { diagnostic: _old, ...rest } = learner;
      return { save: run ? { ...rest, diagnostic: run } : rest, result: undefined };
    });
  }

  /** Erases a learner's records in one server. */
  async forget(guild: string, user: string): Promise<void> {
    await guarded('forget', () =>
      this.learnerLock(guild, user, async (records) => {
        await records.delete(keys.learner(guild, user));
        await records.delete(keys.summary(guild, user));
      }),
    );
    this.summaries.note(guild, user, undefined);
  }

  /** Every learner's summary in a server (loaded once, then kept current by our own writes). */
  guildSummaries(guild: string): Promise<Map<string, MasterySummary>> {
    const prefix = keys.summaryPrefix(guild);
    return this.summaries.get(guild, () =>
      guarded('read', async () => {
        const rows = await this.kv.scan<MasterySummary>(prefix);
        return new Map(rows.map(([key, summary]) => [key.slice(prefix.length), summary]));
      }),
    );
  }

  async close(): Promise<void> {
    await this.kv.close();
  }
}

export function applyAnswerToLearner(learner: LearnerRecord, answer: AnswerInput): LearnerRecord {
  const answered = { ...learner.answered };
  let answeredOrder = learner.answeredOrder;
  if (answer.serve) {
    answered[answer.serve] = answer.letter;
    answeredOrder = [...answeredOrder, answer.serve];
    while (answeredOrder.length > ANSWERED_LIMIT) delete answered[answeredOrder.shift()!];
  }
  const tagMisses = { ...learner.tagMisses };
  if (!answer.correct) for (const tag of answer.tags) tagMisses[tag] = (tagMisses[tag] ?? 0) + 1;
  const review = { ...learner.review };
  const card = review[answer.questionId];
  // Misses enter the review deck; answers to cards already in it move them along.
  if (!answer.correct || card) review[answer.questionId] = scheduleReview(card, answer.correct, answer.now);
  const recent = learner.recent.includes(answer.questionId) ? learner.recent : [...learner.recent, answer.questionId].slice(-RECENT_LIMIT);
  return { ...learner, answered, answeredOrder, tagMisses, review, recent, streak: extendStreak(learner.streak, answer.now) };
}
