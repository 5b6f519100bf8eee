// Mock-exam records: per learner per server, the open exam (if any), the last result in full and a
// short history; per server, an index of open exams and their deadlines, so the sweep that scores
// expired exams reads one record per server instead of scanning every learner.
import type { ExamSummary, FinishedExam, OpenExam } from '../domain/exam/session.ts';
import type { KeyValue } from './kv.ts';
import { guarded } from './studyStore.ts';

export interface ExamRecord {
  v: 1;
  open?: OpenExam;
  /** The last finished exam, kept whole so its result can be paged. */
  last?: FinishedExam;
  /** Finished exams, newest last. */
  history: ExamSummary[];
  /** Question ids of the recent exams, newest last; the next draw avoids them. */
  recentQuestionIds: string[];
}

/** Open exams of one server: user id -> deadline (epoch ms). */
export interface OpenExamIndex {
  v: 1;
  open: Record<string, number>;
}

export const EXAM_HISTORY_LIMIT = 10;
/** Three full-length exams' worth of questions to avoid in the next draw. */
export const EXAM_RECENT_QUESTIONS = 150;

const keys = {
  exam: (guild: string, user: string) => `g:${guild}:exam:${user}`,
  openIndex: (guild: string) => `g:${guild}:exams-open`,
};

export function emptyExamRecord(): ExamRecord {
  return { v: 1, history: [], recentQuestionIds: [] };
}

export class ExamStore {
  constructor(private readonly kv: KeyValue) {}

  async get(guild: string, user: string): Promise<ExamRecord> {
    return guarded('read', async () => (await this.kv.get<ExamRecord>(keys.exam(guild, user))) ?? emptyExamRecord());
  }

  /** Changes a learner's exam record under its lock; `change` returns what to save (or undefined to skip). */
  async updateExam<T>(guild: string, user: string, change: (record: ExamRecord) => { save?: ExamRecord; result: T }): Promise<T> {
    const key = keys.exam(guild, user);
    return guarded('update', () =>
      this.kv.atomically(key, async (records) => {
        const record = structuredClone((await records.get<ExamRecord>(key)) ?? emptyExamRecord());
        const { save, result } = change(record);
        if (save) await records.set(key, save);
        return result;
      }),
    );
  }

  /** Changes a server's index of open exams under its lock; `change` returns whether to save. */
  async updateOpenIndex<T>(guild: string, change: (index: OpenExamIndex) => { save: boolean; result: T }): Promise<T> {
    const key = keys.openIndex(guild);
    return guarded('update', () =>
      this.kv.atomically(key, async (records) => {
        const index: OpenExamIndex = structuredClone((await records.get<OpenExamIndex>(key)) ?? { v: 1, open: {} });
        const { save, result } = change(index);
        if (save) await records.set(key, index);
        return result;
      }),
    );
  }

  /** The open-exam indexes of these servers (servers with none are left out). */
  async openIndexes(guilds: string[]): Promise<Map<string, OpenExamIndex>> {
    return guarded('read', async () => {
      const values = await this.kv.getMany<OpenExamIndex>(guilds.map(keys.openIndex));
      const found = new Map<string, OpenExamIndex>();
      values.forEach((index, i) => {
        if (index && Object.keys(index.open).length > 0) found.set(guilds[i]!, index);
      });
      return found;
    });
  }

  /** Erases a learner's exam record (with `/ai300 forget`). */
  async forget(guild: string, user: string): Promise<void> {
    const key = keys.exam(guild, user);
    await guarded('forget', () => this.kv.atomically(key, (records) => records.delete(key)));
    await this.updateOpenIndex(guild, (index) => {
      const had = user in index.open;
      delete index.open[user];
      return { save: had, result: undefined };
    });
  }
}
