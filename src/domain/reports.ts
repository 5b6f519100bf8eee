// Problem reports on questions: what a member may say, how the question is identified (its id and a
// hash of the text they saw, since questions get edited), and the CSV the content maintainers get.
import { createHash } from 'node:crypto';
import type { Question } from '../content/schema.ts';

export const REPORT_KINDS = ['wrong-key', 'unclear', 'outdated', 'typo', 'other'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];

export const REPORT_KIND_LABEL: Record<ReportKind, string> = {
  'wrong-key': 'The answer key is wrong',
  unclear: 'The question or a choice is unclear',
  outdated: 'It is outdated (names, features, limits)',
  typo: 'A typo or broken link',
  other: 'Something else',
};

export const REPORT_COMMENT_MAX = 500;

export interface QuestionReport {
  v: 1;
  questionId: string;
  /** Of the stem, choices and key the reporter saw: tells whether the question changed since. */
  questionHash: string;
  /** The server, or the direct-message partition. */
  guildId: string;
  reporterId: string;
  kind: ReportKind;
  comment: string;
  at: number;
}

export function isReportKind(value: string): value is ReportKind {
  return (REPORT_KINDS as readonly string[]).includes(value);
}

export function questionHash(question: Pick<Question, 'stem' | 'choices' | 'answer'>): string {
  return createHash('sha256')
    .update(JSON.stringify([question.stem, question.choices, question.answer]))
    .digest('hex')
    .slice(0, 16);
}

/** Why a report cannot be taken as written, or undefined when it can. */
export function reportCommentProblem(kind: ReportKind, comment: string): string | undefined {
  if (comment.length > REPORT_COMMENT_MAX) return `The comment is ${comment.length} characters; the limit is ${REPORT_COMMENT_MAX}.`;
  if (kind === 'other' && comment.length === 0) return 'For "Something else", please say in the comment what is wrong.';
  return undefined;
}

const CSV_COLUMNS = ['at', 'questionId', 'questionHash', 'guildId', 'reporterId', 'kind', 'comment'] as const;

/** RFC 4180 CSV: every field quoted, quotes doubled, one report per line. */
export function reportsToCsv(reports: readonly QuestionReport[]): string {
  const field = (value: string) => `"${value.replace(/"/g, '""')}"`;
  const rows = reports.map((r) => CSV_COLUMNS.map((column) => field(column === 'at' ? new Date(r.at).toISOString() : String(r[column]))).join(','));
  return `${[CSV_COLUMNS.join(','), ...rows].join('\r\n')}\r\n`;
}
