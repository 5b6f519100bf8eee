import { ButtonStyle, ComponentType, type APIActionRowComponent, type APIButtonComponent, type APIEmbed } from 'discord-api-types/v10';
import { CHOICE_LETTERS, type ChoiceLetter } from '../content/ids.ts';
import type { Content } from '../content/load.ts';
import type { Question } from '../content/schema.ts';
import { TimestampStyles, time } from '@discordjs/builders';
import { masteryOf, type DomainTally } from '../domain/mastery.ts';
import { referenceLink } from './actions.ts';
import type { MessagePayload } from './limits.ts';
import { COLORS, DOMAIN_EMOJI, percent } from './style.ts';

export interface PromptOptions {
  /** Shown above the stem, e.g. "Diagnostic 3/10" or "Daily question". */
  heading?: string;
  footer?: string;
  customIdFor: (letter: ChoiceLetter) => string;
}

function choiceLines(question: Question, marks: Partial<Record<ChoiceLetter, string>> = {}): string {
  return question.choices
    .map((choice, i) => {
      const letter = CHOICE_LETTERS[i]!;
      return `${marks[letter] ?? ''}**${letter}.** ${choice}`;
    })
    .join('\n');
}

function questionTitle(content: Content, question: Question, heading?: string): string {
  const domain = content.domainById.get(question.domain)!;
  return `${heading ? `${heading} · ` : ''}${DOMAIN_EMOJI[domain.id]} ${domain.name}`;
}

export function answerButtons(customIdFor: (letter: ChoiceLetter) => string, disabled = false): APIActionRowComponent<APIButtonComponent> {
  return {
    type: ComponentType.ActionRow,
    components: CHOICE_LETTERS.map((letter) => ({
      type: ComponentType.Button,
      style: ButtonStyle.Secondary,
      label: letter,
      custom_id: customIdFor(letter),
      disabled,
    })),
  };
}

export function renderQuestionPrompt(content: Content, question: Question, options: PromptOptions): MessagePayload {
  const embed: APIEmbed = {
    title: questionTitle(content, question, options.heading),
    color: COLORS.brand,
    description: `${question.stem}\n\n${choiceLines(question)}`,
    footer: { text: options.footer ?? `${question.id} · choose an answer below` },
  };
  return { embeds: [embed], components: [answerButtons(options.customIdFor)] };
}

export interface RevealOptions {
  heading?: string;
  /** Extra lines under the explanation, e.g. what was recorded. */
  note?: string;
  components?: MessagePayload['components'];
}

export function renderQuestionReveal(content: Content, question: Question, chosen: ChoiceLetter, options: RevealOptions = {}): MessagePayload {
  const correct = chosen === question.answer;
  const marks: Partial<Record<ChoiceLetter, string>> = { [question.answer]: '✅ ' };
  if (!correct) marks[chosen] = '❌ ';
  const verdict = correct ? `✅ Correct: ${question.answer}` : `❌ Not quite: you chose ${chosen}, the answer is ${question.answer}`;
  const whyNot = CHOICE_LETTERS.filter((l) => l !== question.answer)
    .map((letter) => `**${letter}.** ${question.whyNot[letter] ?? ''}`)
    .join('\n');
  const tags = question.tags.map((tag) => content.tagById.get(tag)!.name).join(', ');
  const embed: APIEmbed = {
    title: questionTitle(content, question, options.heading),
    color: correct ? COLORS.correct : COLORS.wrong,
    description: `${question.stem}\n\n${choiceLines(question, marks)}\n\n**${verdict}**\n${question.explanation}`,
    fields: [
      { name: 'Why not the others', value: whyNot },
      { name: 'Miss tags', value: tags, inline: true },
      { name: 'Reference', value: referenceLink(question.reference), inline: true },
      ...(options.note ? [{ name: 'Recorded', value: options.note }] : []),
    ],
    footer: { text: question.id },
  };
  return { embeds: [embed], components: options.components ?? [] };
}

/** What an answer changed: recorded how, the domain's mastery before and after, the streak, the next review. */
export function renderAnswerNote(
  content: Content,
  change: { question: Question; correct: boolean; before: DomainTally | undefined; after: DomainTally | undefined; streak: number; reviewDue?: number },
): string {
  const { question } = change;
  const recorded = change.correct ? 'Counted as correct.' : `Logged as a miss under ${question.tags.map((t) => content.tagById.get(t)!.name).join(', ')}.`;
  const before = percent(masteryOf(change.before));
  const after = percent(masteryOf(change.after));
  const arrow = after === before ? `${after} (unchanged)` : `${before} → ${after}`;
  const domain = content.domainById.get(question.domain)!.name;
  const review = change.reviewDue !== undefined ? ` Review scheduled ${time(new Date(change.reviewDue), TimestampStyles.RelativeTime)}.` : '';
  return `${recorded}${review}\n${DOMAIN_EMOJI[question.domain]} ${domain} mastery ${arrow} · 🔥 ${change.streak}-day streak`;
}
