// Study-session records: one round per channel (`g:<guild>:session:<channel>`, the live round or
// the last one to end), the answers to each question of a round
// (`g:<guild>:sessionAnswers:<session>:<question>`, deleted once the round has ended and every
// answer is counted) and each ended round's final scores
// (`g:<guild>:sessionFinal:<session>`, for each member's own line). Every read-modify-write goes
// through one update method per record kind, under that record's lock.
import type { ChoiceLetter } from '../content/ids.ts';
import type { ScoreLine, SessionAnswer, SessionRecord } from '../domain/session/round.ts';
import type { KeyValue } from './kv.ts';
import { guarded } from './studyStore.ts';

export interface QuestionAnswers {
  v: 1;
  answers: Record<string, SessionAnswer>;
  /** Set when the question is revealed: later clicks are refused. */
  closed?: boolean;
}

export interface FinalScores {
  v: 1;
  sessionId: string;
  channelId: string;
  scores: Record<string, ScoreLine>;
  endedAt: number;
}

const keys = {
  session: (guild: string, channel: string) => `g:${guild}:session:${channel}`,
  sessionPrefix: (guild: string) => `g:${guild}:session:`,
  answers: (guild: string, sessionId: string, index: number) => `g:${guild}:sessionAnswers:${sessionId}:${index}`,
  final: (guild: string, sessionId: string) => `g:${guild}:sessionFinal:${sessionId}`,
};

export type SessionAnswerOutcome =
  | { status: 'recorded'; count: number; answers: QuestionAnswers }
  | { status: 'duplicate'; letter: ChoiceLetter }
  | { status: 'closed' };

export class SessionStore {
  constructor(private readonly kv: KeyValue) {}

  async get(guild: string, channel: string): Promise<SessionRecord | undefined> {
    return guarded('read', () => this.kv.get<SessionRecord>(keys.session(guild, channel)));
  }

  /** Every channel's round in a server, live or last ended (read once at start-up to resume them). */
  async sessionsOf(guild: string): Promise<SessionRecord[]> {
    return guarded('read', async () => (await this.kv.scan<SessionRecord>(keys.sessionPrefix(guild))).map(([, s]) => s));
  }

  /**
   * Changes a channel's round under its lock: `change` gets the stored record (or undefined) and
   * returns the record to save (or undefined to leave it) and a result.
   */
  async update<T>(guild: string, channel: string, change: (session: SessionRecord | undefined) => { save?: SessionRecord; result: T }): Promise<T> {
    return guarded('update', () =>
      this.kv.atomically(keys.session(guild, channel), async (records) => {
        const stored = await records.get<SessionRecord>(keys.session(guild, channel));
        const { save, result } = change(stored ? structuredClone(stored) : undefined);
        if (save) await records.set(keys.session(guild, channel), save);
        return result;
      }),
    );
  }

  async getAnswers(guild: string, sessionId: string, index: number): Promise<QuestionAnswers> {
    return guarded('read', async () => (await this.kv.get<QuestionAnswers>(keys.answers(guild, sessionId, index))) ?? { v: 1, answers: {} });
  }

  /** Changes one question's answers under its lock, like `update`. */
  async updateAnswers<T>(
    guild: string,
    sessionId: string,
    index: number,
    change: (answers: QuestionAnswers) => { save?: QuestionAnswers; result: T },
  ): Promise<T> {
    const key = keys.answers(guild, sessionId, index);
    return guarded('update', () =>
      this.kv.atomically(key, async (records) => {
        const stored = (await records.get<QuestionAnswers>(key)) ?? { v: 1, answers: {} };
        const { save, result } = change(stored);
        if (save) await records.set(key, save);
        return result;
      }),
    );
  }

  /** One answer per member per question, the first click standing; none once the question is closed or past its deadline. */
  async answer(guild: string, sessionId: string, index: number, userId: string, answer: SessionAnswer, deadline: number): Promise<SessionAnswerOutcome> {
    return this.updateAnswers<SessionAnswerOutcome>(guild, sessionId, index, (stored) => {
      const previous = stored.answers[userId];
      if (previous) return { result: { status: 'duplicate', letter: previous.letter } };
      if (stored.closed || answer.at > deadline) return { result: { status: 'closed' } };
      const next: QuestionAnswers = { ...stored, answers: { ...stored.answers, [userId]: answer } };
      return { save: next, result: { status: 'recorded', count: Object.keys(next.answers).length, answers: next } };
    });
  }

  /** Closes a question to answers and returns the answers it took: nothing can slip in after. */
  async closeAnswers(guild: string, sessionId: string, index: number): Promise<QuestionAnswers> {
    return this.updateAnswers(guild, sessionId, index, (stored) => {
      const closed = { ...stored, closed: true };
      return { save: stored.closed ? undefined : closed, result: closed };
    });
  }

  /** Deletes a finished round's answers: each was counted in its member's record when revealed. */
  async dropAnswers(guild: string, sessionId: string, questions: number): Promise<void> {
    for (let index = 0; index < questions; index++) {
      const key = keys.answers(guild, sessionId, index);
      await guarded('delete', () => this.kv.atomically(key, (records) => records.delete(key)));
    }
  }

  async saveFinal(guild: string, final: FinalScores): Promise<void> {
    const key = keys.final(guild, final.sessionId);
    await guarded('write', () => this.kv.atomically(key, (records) => records.set(key, final)));
  }

  async getFinal(guild: string, sessionId: string): Promise<FinalScores | undefined> {
    return guarded('read', () => this.kv.get<FinalScores>(keys.final(guild, sessionId)));
  }
}
