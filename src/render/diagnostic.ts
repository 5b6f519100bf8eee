import { ComponentType, type APIEmbed } from 'discord-api-types/v10';
import { CHOICE_LETTERS, type ChoiceLetter, type MissTag } from '../content/ids.ts';
import type { Content } from '../content/load.ts';
import type { Question } from '../content/schema.ts';
import { weakestInRun, type DomainScore } from '../domain/diagnostic.ts';
import type { DomainWeights } from '../domain/mastery.ts';
import type { MessagePayload } from './limits.ts';
import { adviceFor } from '../content/queries.ts';
import { drillButton } from './actions.ts';
import { clip } from './limits.ts';
import { renderQuestionPrompt } from './question.ts';
import { reportButton, reportRow } from './report.ts';
import { COLORS, DOMAIN_EMOJI, bar } from './style.ts';

/** A one-embed verdict on the previous answer, shown above the next question. */
export function renderRunVerdict(content: Content, question: Question, chosen: ChoiceLetter, position: number, total: number): APIEmbed {
  const correct = chosen === question.answer;
  return {
    color: correct ? COLORS.correct : COLORS.wrong,
    title: `Question ${position}/${total}: ${correct ? `✅ correct (${question.answer})` : `❌ you chose ${chosen}, the answer is ${question.answer}`}`,
    description: question.explanation,
    footer: { text: `${question.id} · ${question.tags.map((t) => content.tagById.get(t)!.name).join(', ')}` },
  };
}

export function renderRunStep(
  content: Content,
  verdict: APIEmbed | undefined,
  next: Question,
  position: number,
  total: number,
  customIdFor: Parameters<typeof renderQuestionPrompt>[2]['customIdFor'],
  /** The question the verdict is about, which gets a report button. */
  revealed?: Question,
): MessagePayload {
  const prompt = renderQuestionPrompt(content, next, { heading: `Diagnostic ${position}/${total}`, footer: `${next.id} · only you can see this`, customIdFor });
  const report = revealed ? [reportRow(revealed.id, `Report question ${position - 1}`)] : [];
  return { embeds: verdict ? [verdict, ...prompt.embeds] : prompt.embeds, components: [...prompt.components, ...report] };
}

/** A question the run got wrong, with the letter chosen. */
export interface RunMiss {
  question: Question;
  chosen: ChoiceLetter;
}

/** Per missed question: the right answer and the explanation, clipped so ten misses fit one embed. */
function missField(miss: RunMiss, position: number) {
  const { question } = miss;
  return {
    name: `❌ ${position}. ${DOMAIN_EMOJI[question.domain]} you chose ${miss.chosen}, the answer is ${question.answer}`,
    value: `${clip(question.stem, 140)}
**${question.answer}.** ${clip(question.choices[CHOICE_LETTERS.indexOf(question.answer)]!, 120)}
${clip(question.explanation, 260)}`,
  };
}

export function renderRunResult(
  content: Content,
  weights: DomainWeights,
  verdict: APIEmbed,
  scores: DomainScore[],
  adviceTag: MissTag,
  misses: { position: number; miss: RunMiss }[] = [],
  /** The last question, revealed in the verdict above the result. */
  last?: Question,
): MessagePayload {
  const right = scores.reduce((sum, s) => sum + s.correct, 0);
  const asked = scores.reduce((sum, s) => sum + s.asked, 0);
  const weakest = content.domainById.get(weakestInRun(scores, weights))!;
  const advice = content.tagById.get(adviceTag)!;
  const lines = scores.map((s) => {
    const domain = content.domainById.get(s.domain)!;
    const share = s.asked === 0 ? 0 : s.correct / s.asked;
    return `${DOMAIN_EMOJI[s.domain]} \`${bar(share, 5)}\` ${s.correct}/${s.asked} ${domain.name}`;
  });
  const result: APIEmbed = {
    title: `🧭 Diagnostic result: ${right}/${asked}`,
    color: COLORS.brand,
    description: lines.join('\n'),
    fields: [
      { name: 'Weakest domain', value: `**${weakest.name}** (${weakest.weight.min}-${weakest.weight.max}% of the exam). Trap: ${weakest.trap}` },
      { name: 'Drill next', value: adviceFor(content, advice.id, weakest.id) },
    ],
    footer: { text: 'These answers count in /ai300 stats; missed questions come back in /ai300 review.' },
  };
  const missEmbed: APIEmbed | undefined =
    misses.length > 0
      ? { title: `What you missed (${misses.length})`, color: COLORS.wrong, fields: misses.slice(0, 10).map(({ position, miss }) => missField(miss, position)) }
      : undefined;
  return {
    embeds: missEmbed ? [verdict, result, missEmbed] : [verdict, result],
    components: [
      {
        type: ComponentType.ActionRow,
        components: [
          drillButton(content, { domain: weakest.id }),
          drillButton(content, { tag: adviceTag }),
          ...(last ? [reportButton(last.id, `Report question ${asked}`)] : []),
        ],
      },
    ],
  };
}
