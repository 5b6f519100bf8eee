// The mock exam's life: start (or offer to resume), a click on an open exam, and scoring. Every
// step reads the exam from the store, so the exam survives restarts and works for its whole
// 100 minutes: each click answers with its own fresh interaction token.
import { drawExam, examDurationMs } from '../../domain/exam/draw.ts';
import { scoreExam } from '../../domain/exam/score.ts';
import {
  closingFor,
  isExpired,
  resumePosition,
  summarize,
  withAnswer,
  withFlagToggled,
  type ExamEnd,
  type FinishedExam,
  type OpenExam,
} from '../../domain/exam/session.ts';
import { ChartsBusyError } from '../../render/charts/index.ts';
import type { CustomId } from '../../render/customId.ts';
import { renderAbandoned, renderExamQuestion, renderExamResult, renderExamResultChart, renderResumeOffer, renderSubmitConfirm } from '../../render/exam.ts';
import type { MessageFile, MessagePayload } from '../../render/limits.ts';
import type { AnswerInput } from '../../store/studyStore.ts';
import { EXAM_HISTORY_LIMIT, EXAM_RECENT_QUESTIONS } from '../../store/examStore.ts';
import type { BotContext } from '../context.ts';
import type { Outcome } from '../respond.ts';
import { freshId } from '../study/ids.ts';

type ExamClick = Extract<CustomId, { kind: 'exam' }>;

const ENDED = 'This mock exam has ended, and only the latest result is kept. `/ai300 exam` starts a new one.';

/** `/ai300 exam`: an unseen result first, then the open exam's resume offer, else a new exam. */
export async function startExam(ctx: BotContext, guild: string, user: string, length: number): Promise<MessagePayload> {
  const now = ctx.now();
  const record = await ctx.exams.get(guild, user);
  if (record.open) {
    if (record.open.closing || isExpired(record.open, now))
      return showResult(ctx, guild, user, await finishExam(ctx, guild, user, record.open.examId, 'timed-out'), 0);
    return renderResumeOffer(user, record.open, resumePosition(record.open));
  }
  if (record.last && !record.last.resultShown) return showResult(ctx, guild, user, record.last, 0);

  const questions = drawExam(ctx.content.questions, ctx.weights, new Set(record.recentQuestionIds), ctx.random, length);
  const exam: OpenExam = {
    examId: freshId(now, ctx.random),
    questionIds: questions.map((q) => q.id),
    answers: questions.map(() => null),
    flagged: [],
    startedAt: now.getTime(),
    deadline: now.getTime() + examDurationMs(questions.length),
  };
  // The index first: an exam the sweep cannot find would only be scored at the next click.
  await ctx.exams.updateOpenIndex(guild, (index) => {
    index.open[user] = exam.deadline;
    return { save: true, result: undefined };
  });
  const opened = await ctx.exams.updateExam(guild, user, (current) =>
    // Two `/ai300 exam` at once: the second one offers to resume the first.
    current.open ? { result: current.open } : { save: { ...current, open: exam }, result: exam },
  );
  if (opened !== exam) return renderResumeOffer(user, opened, resumePosition(opened));
  ctx.logger.info({ guildId: guild, userId: user, examId: exam.examId, length: questions.length }, 'mock exam started');
  return renderExamQuestion(user, exam, questions[0]!, 0);
}

/**
 * Scores an exam once, however many callers race (a click, the sweep, `/ai300 exam`): the first
 * freezes its answers, the answers are recorded once per exam id, then the exam moves to the
 * learner's history. Returns the finished exam, or undefined when it is neither open nor the last.
 */
export async function finishExam(ctx: BotContext, guild: string, user: string, examId: string, requested: ExamEnd): Promise<FinishedExam | undefined> {
  const frozen = await ctx.exams.updateExam(guild, user, (record) => {
    if (record.open?.examId !== examId) return { result: undefined };
    if (record.open.closing) return { result: record.open };
    record.open.closing = closingFor(record.open, ctx.now(), requested);
    return { save: record, result: record.open };
  });
  if (!frozen?.closing) {
    const record = await ctx.exams.get(guild, user);
    return record.last?.examId === examId ? record.last : undefined;
  }
  const { at, end } = frozen.closing;
  const present = frozen.questionIds.flatMap((id, position) => {
    const question = ctx.content.questionById.get(id);
    return question ? [{ question, answer: frozen.answers[position] ?? null }] : [];
  });
  const score = scoreExam(
    present.map((p) => p.question),
    present.map((p) => p.answer),
    ctx.weights,
  );
  const answers: AnswerInput[] = present.flatMap(({ question, answer }) =>
    answer
      ? [
          {
            questionId: question.id,
            domain: question.domain,
            tags: question.tags,
            correct: answer === question.answer,
            letter: answer,
            source: 'exam' as const,
            now: new Date(at),
          },
        ]
      : [],
  );
  await ctx.store.recordExamAnswers(guild, user, examId, answers, new Date(at));
  const finished: FinishedExam = {
    examId,
    questionIds: frozen.questionIds,
    answers: frozen.answers,
    startedAt: frozen.startedAt,
    deadline: frozen.deadline,
    finishedAt: at,
    end,
    score,
  };
  const saved = await ctx.exams.updateExam(guild, user, (record) => {
    if (record.open?.examId !== examId) return { result: record.last?.examId === examId ? record.last : finished };
    const { open: _closed, ...rest } = record;
    return {
      save: {
        ...rest,
        last: finished,
        history: [...record.history, summarize(finished)].slice(-EXAM_HISTORY_LIMIT),
        recentQuestionIds: [...record.recentQuestionIds, ...finished.questionIds].slice(-EXAM_RECENT_QUESTIONS),
      },
      result: finished,
    };
  });
  await dropFromIndex(ctx, guild, user, frozen.deadline);
  ctx.logger.info({ guildId: guild, userId: user, examId, end, score: score.score, correct: score.correct }, 'mock exam scored');
  return saved;
}

async function dropFromIndex(ctx: BotContext, guild: string, user: string, deadline: number): Promise<void> {
  await ctx.exams.updateOpenIndex(guild, (index) => {
    // A newer exam's entry stays.
    if (index.open[user] !== deadline) return { save: false, result: undefined };
    delete index.open[user];
    return { save: true, result: undefined };
  });
}

/** Renders a finished exam's result page, with its chart, and notes that the learner has seen it. */
export async function showResult(ctx: BotContext, guild: string, user: string, finished: FinishedExam | undefined, page: number): Promise<MessagePayload> {
  if (!finished) return { content: ENDED, embeds: [], components: [], files: [] };
  if (!finished.resultShown) {
    await ctx.exams.updateExam(guild, user, (record) =>
      record.last?.examId === finished.examId ? { save: { ...record, last: { ...record.last, resultShown: true } }, result: undefined } : { result: undefined },
    );
  }
  return renderExamResult(ctx.content, user, finished, page, await chartOrNothing(ctx, finished));
}

/** A result without its chart beats no result: a failed render is logged and the text stands alone. */
async function chartOrNothing(ctx: BotContext, finished: FinishedExam): Promise<MessageFile | undefined> {
  try {
    return await renderExamResultChart(ctx.content, finished);
  } catch (error) {
    ctx.logger[error instanceof ChartsBusyError ? 'warn' : 'error']({ err: error, examId: finished.examId }, 'exam result went out without its chart');
    return undefined;
  }
}

/** A click on an open exam's buttons. Past the deadline, any click scores the exam and shows the result. */
export async function examClick(ctx: BotContext, guild: string, click: ExamClick): Promise<Outcome> {
  const user = click.ownerId;
  const record = await ctx.exams.get(guild, user);
  const open = record.open;
  if (open?.examId !== click.examId) {
    if (record.last?.examId === click.examId) return { show: await showResult(ctx, guild, user, record.last, 0) };
    return { notice: ENDED };
  }
  if (open.closing || isExpired(open, ctx.now()))
    return { show: await showResult(ctx, guild, user, await finishExam(ctx, guild, user, open.examId, 'timed-out'), 0) };
  if (click.position >= open.questionIds.length) return { notice: 'That question is not part of this exam.' };

  switch (click.action) {
    case 'go':
      return { show: questionView(ctx, user, open, click.position) };
    case 'submit':
      return { show: renderSubmitConfirm(user, open, click.position) };
    case 'confirm':
      return { show: await showResult(ctx, guild, user, await finishExam(ctx, guild, user, open.examId, 'submitted'), 0) };
    case 'abandon': {
      const abandoned = await ctx.exams.updateExam(guild, user, (current) => {
        if (current.open?.examId !== click.examId || current.open.closing) return { result: false };
        const { open: _dropped, ...rest } = current;
        return { save: rest, result: true };
      });
      if (!abandoned) return { notice: ENDED };
      await dropFromIndex(ctx, guild, user, open.deadline);
      return { show: renderAbandoned() };
    }
    case 'answer':
    case 'flag': {
      const changed = await ctx.exams.updateExam(guild, user, (current) => {
        const exam = current.open;
        // Checked again under the lock: the exam may have been submitted or timed out meanwhile.
        if (exam?.examId !== click.examId || exam.closing || isExpired(exam, ctx.now())) return { result: undefined };
        const next = click.action === 'answer' ? withAnswer(exam, click.position, click.letter!) : withFlagToggled(exam, click.position);
        return { save: { ...current, open: next }, result: next };
      });
      if (!changed) return examClick(ctx, guild, { ...click, action: 'go' });
      return { show: questionView(ctx, user, changed, click.position) };
    }
  }
}

function questionView(ctx: BotContext, user: string, exam: OpenExam, position: number): MessagePayload {
  return renderExamQuestion(user, exam, ctx.content.questionById.get(exam.questionIds[position]!), position);
}

/**
 * The sweep's step for one index entry: scores the learner's exam if its deadline has passed, and
 * drops an entry whose exam is gone (abandoned, or scored by a click before the index was updated).
 * Returns true when it scored an exam.
 */
export async function sweepEntry(ctx: BotContext, guild: string, user: string, indexedDeadline: number): Promise<boolean> {
  const open = (await ctx.exams.get(guild, user)).open;
  if (open?.deadline !== indexedDeadline) {
    await dropFromIndex(ctx, guild, user, indexedDeadline);
    return false;
  }
  if (!open.closing && !isExpired(open, ctx.now())) return false;
  await finishExam(ctx, guild, user, open.examId, 'timed-out');
  return true;
}
