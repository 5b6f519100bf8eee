// Problem reports, one per member per question per server, under keys that list a server's reports
// (`report:<guild>:`) or every report (`report:`) with one prefix scan.
import type { QuestionReport } from '../domain/reports.ts';
import type { KeyValue } from './kv.ts';
import { guarded } from './studyStore.ts';

const key = (guild: string, questionId: string, reporter: string) => `report:${guild}:${questionId}:${reporter}`;

export class ReportStore {
  constructor(private readonly kv: KeyValue) {}

  /** Saves the report unless this member already reported this question here. */
  async add(report: QuestionReport): Promise<'added' | 'duplicate'> {
    const k = key(report.guildId, report.questionId, report.reporterId);
    return guarded('report', () =>
      this.kv.atomically(k, async (records) => {
        if (await records.get<QuestionReport>(k)) return 'duplicate';
        await records.set(k, report);
        return 'added';
      }),
    );
  }

  /** A server's reports, newest first. */
  async forGuild(guild: string): Promise<QuestionReport[]> {
    return guarded('read', async () => newestFirst(await this.kv.scan<QuestionReport>(`report:${guild}:`)));
  }

  /** Every report in the store, newest first (for the content maintainers' export). */
  async all(): Promise<QuestionReport[]> {
    return guarded('read', async () => newestFirst(await this.kv.scan<QuestionReport>('report:')));
  }
}

function newestFirst(rows: [string, QuestionReport][]): QuestionReport[] {
  return rows.map(([, report]) => report).sort((a, b) => b.at - a.at);
}
