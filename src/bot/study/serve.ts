// Serving personal questions (quiz, review, "quiz me on this") and revealing answers.
import type { ChoiceLetter } from '../../content/ids.ts';
import type { Question } from '../../content/schema.ts';
import { chooseQuestion, type QuestionFilters } from '../../domain/questionChoice.ts';
import { dueQuestionIds, nextDue } from '../../domain/review.ts';
import type { MessagePayload } from '../../render/limits.ts';
import { renderAnswerNote, renderQuestionPrompt, renderQuestionReveal } from '../../render/question.ts';
import { currentStreak } from '../../domain/streak.ts';
import { buildCustomId, type QuizMode } from '../../render/customId.ts';
import { nextButtonRow, renderNothingDue } from '../../render/study.ts';
import type { BotContext } from '../context.ts';
import { UserError } from '../errors.ts';
import { freshId, guildKey, type InServer } from './ids.ts';
import type { LearnerRecord } from '../../store/records.ts';

export interface ServeRequest {
  ownerId: string;
  mode: QuizMode;
  filters: QuestionFilters;
}

function describeFilters(ctx: BotContext, filters: QuestionFilters): string {
  const parts: string[] = [];
  if (filters.domain) parts.push(`domain **${ctx.content.domainById.get(filters.domain)!.name}**`);
  if (filters.tag) parts.push(`tag **${ctx.content.tagById.get(filters.tag)!.name}**`);
  if (filters.distinction) parts.push(`**${ctx.content.distinctionById.get(filters.distinction)?.name ?? filters.distinction}**`);
  return parts.join(' and ');
}

/** Picks and renders the next question for a learner (run it inside replyWith/updateWith, which answer in time). */
export async function buildNextQuestion(interaction: InServer, ctx: BotContext, request: ServeRequest): Promise<MessagePayload> {
  const guild = guildKey(interaction);
  const now = ctx.now();
  const tallies = request.mode === 'review' ? {} : (await ctx.store.getSummary(guild, request.ownerId, now)).all;
  const pick = (learner: LearnerRecord): string | undefined =>
    request.mode === 'review'
      ? dueQuestionIds(learner.review, now).find((id) => ctx.content.questionById.has(id))
      : chooseQuestion({
          questions: ctx.content.questions,
          filters: request.filters,
          tallies,
          weights: ctx.weights,
          recent: learner.recent,
          tagMisses: learner.tagMisses,
          random: ctx.random,
        })?.id;
  const served = await ctx.store.serveQuestion(guild, request.ownerId, pick);
  const question: Question | undefined = served.questionId ? ctx.content.questionById.get(served.questionId) : undefined;
  if (!question && request.mode === 'review') return renderNothingDue(Object.keys(served.learner.review).length, nextDue(served.learner.review));
  if (!question) throw new UserError(`No question matches ${describeFilters(ctx, request.filters)}. Try fewer filters.`);
  const serve = freshId(now, ctx.random);
  const heading = request.mode === 'review' ? 'Review' : 'Quiz';
  return renderQuestionPrompt(ctx.content, question, {
    heading,
    footer: `${question.id} · only you can see this · answer with the buttons`,
    customIdFor: (letter) =>
      buildCustomId({
        kind: 'answer',
        ownerId: request.ownerId,
        questionId: question.id,
        serve,
        letter,
        mode: request.mode,
        ...(request.filters.domain && { domain: request.filters.domain }),
        ...(request.filters.tag && { tag: request.filters.tag }),
      }),
  });
}

/** Records a personal answer and renders the reveal; a repeated click reports the first answer. */
export async function answerPersonalQuestion(
  interaction: InServer,
  ctx: BotContext,
  args: { ownerId: string; question: Question; serve: string; letter: ChoiceLetter; mode: QuizMode; filters: QuestionFilters },
): Promise<{ duplicate?: ChoiceLetter; payload?: MessagePayload }> {
  const { question, letter } = args;
  const correct = letter === question.answer;
  const outcome = await ctx.store.recordAnswer(guildKey(interaction), args.ownerId, {
    questionId: question.id,
    domain: question.domain,
    tags: question.tags,
    correct,
    letter,
    serve: args.serve,
    source: args.mode === 'review' ? 'review' : 'quiz',
    now: ctx.now(),
  });
  if (outcome.status === 'duplicate') return { duplicate: outcome.letter };
  if (outcome.status === 'rejected') throw new UserError(outcome.reason);
  const note = renderAnswerNote(ctx.content, {
    question,
    correct,
    before: outcome.previous?.all[question.domain],
    after: outcome.summary.all[question.domain],
    streak: currentStreak(outcome.learner.streak, ctx.now()),
    reviewDue: outcome.learner.review[question.id]?.due,
  });
  const mode: QuizMode = args.mode === 'distinction' ? 'quiz' : args.mode;
  // A distinction drill continues in the distinction's domain.
  const next: ServeRequest = { ownerId: args.ownerId, mode, filters: args.mode === 'distinction' ? { domain: question.domain } : args.filters };
  return {
    payload: renderQuestionReveal(ctx.content, question, letter, {
      heading: mode === 'review' ? 'Review' : 'Quiz',
      note,
      components: [nextButtonRow(next, question.id)],
    }),
  };
}
