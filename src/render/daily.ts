import { CHOICE_LETTERS } from '../content/ids.ts';
import type { Content } from '../content/load.ts';
import type { Question } from '../content/schema.ts';
import { buildCustomId } from './customId.ts';
import type { MessagePayload } from './limits.ts';
import { answerButtons, renderQuestionPrompt } from './question.ts';
import { reportRow } from './report.ts';
import { COLORS, percent } from './style.ts';

function answersLine(count: number): string {
  return `${count} answer${count === 1 ? '' : 's'} so far · answer once, privately, with the buttons`;
}

export function renderDailyPost(content: Content, question: Question, postId: string, answerCount: number): MessagePayload {
  return renderQuestionPrompt(content, question, {
    heading: '☀️ Daily question',
    footer: `${question.id} · ${answersLine(answerCount)}`,
    customIdFor: (letter) => buildCustomId({ kind: 'daily', postId, letter }),
  });
}

/** The post once the next one is out: the answer, the share who got it right, buttons disabled. */
export function renderDailyReveal(content: Content, question: Question, postId: string, answers: Record<string, string>): MessagePayload {
  const base = renderQuestionPrompt(content, question, {
    heading: '☀️ Daily question (closed)',
    customIdFor: (letter) => buildCustomId({ kind: 'daily', postId, letter }),
  });
  const total = Object.keys(answers).length;
  const right = Object.values(answers).filter((letter) => letter === question.answer).length;
  const split = CHOICE_LETTERS.map((letter) => `${letter}: ${Object.values(answers).filter((l) => l === letter).length}`).join(' · ');
  const embed = {
    ...base.embeds[0]!,
    color: COLORS.correct,
    fields: [
      { name: `Answer: ${question.answer}`, value: question.explanation },
      { name: 'How the channel did', value: total === 0 ? 'Nobody answered this one.' : `${right} of ${total} right (${percent(right / total)}) · ${split}` },
    ],
    footer: { text: `${question.id} · closed when the next daily question was posted` },
  };
  return { embeds: [embed], components: [answerButtons((letter) => buildCustomId({ kind: 'daily', postId, letter }), true), reportRow(question.id)] };
}
