// An exam in progress and the changes a learner can make to it. Pure: the store keeps these
// shapes and the bot applies these changes under the learner's exam lock.
import type { ChoiceLetter } from '../../content/ids.ts';
import type { ExamScore } from './score.ts';

export interface OpenExam {
  examId: string;
  questionIds: string[];
  /** By position; null while unanswered. */
  answers: (ChoiceLetter | null)[];
  /** Positions flagged for review. */
  flagged: number[];
  startedAt: number;
  /** Epoch ms; at or after it the exam is scored as it stands. */
  deadline: number;
  /** Set when scoring began (submit, time out): answers no longer change. */
  closing?: { at: number; end: ExamEnd };
}

export type ExamEnd = 'submitted' | 'timed-out';

export interface FinishedExam {
  examId: string;
  questionIds: string[];
  answers: (ChoiceLetter | null)[];
  startedAt: number;
  deadline: number;
  finishedAt: number;
  end: ExamEnd;
  score: ExamScore;
  /** Whether the learner has seen this result (an exam scored by the sweep has not, at first). */
  resultShown?: boolean;
}

/** One line of a learner's exam history (kept short; the full result is kept for the last exam only). */
export interface ExamSummary {
  examId: string;
  finishedAt: number;
  length: number;
  correct: number;
  score: number;
  passed: boolean;
  end: ExamEnd;
}

export function isExpired(exam: OpenExam, now: Date): boolean {
  return now.getTime() >= exam.deadline;
}

/** How an exam closes now: submitted before its deadline, or timed out (then it ends at the deadline). */
export function closingFor(exam: OpenExam, now: Date, requested: ExamEnd): { at: number; end: ExamEnd } {
  if (isExpired(exam, now)) return { at: exam.deadline, end: 'timed-out' };
  return { at: now.getTime(), end: requested };
}

export function answeredCount(exam: Pick<OpenExam, 'answers'>): number {
  return exam.answers.filter((a) => a !== null).length;
}

export function withAnswer(exam: OpenExam, position: number, letter: ChoiceLetter): OpenExam {
  const answers = [...exam.answers];
  // Choosing the letter already chosen clears it, so a learner can leave a question blank again.
  answers[position] = answers[position] === letter ? null : letter;
  return { ...exam, answers };
}

export function withFlagToggled(exam: OpenExam, position: number): OpenExam {
  const flagged = exam.flagged.includes(position) ? exam.flagged.filter((p) => p !== position) : [...exam.flagged, position].sort((a, b) => a - b);
  return { ...exam, flagged };
}

/** Where a resumed exam opens: the first unanswered question, or the first when all are answered. */
export function resumePosition(exam: OpenExam): number {
  const blank = exam.answers.indexOf(null);
  return blank === -1 ? 0 : blank;
}

export function summarize(finished: FinishedExam): ExamSummary {
  return {
    examId: finished.examId,
    finishedAt: finished.finishedAt,
    length: finished.questionIds.length,
    correct: finished.score.correct,
    score: finished.score.score,
    passed: finished.score.passed,
    end: finished.end,
  };
}
