// The mock exam's messages: one question at a time with navigation, the submit confirmation, the
// resume offer, and the result with the missed questions paged.
import { TimestampStyles, time } from '@discordjs/builders';
import {
  ButtonStyle,
  ComponentType,
  type APIActionRowComponent,
  type APIButtonComponent,
  type APIComponentInMessageActionRow,
  type APIEmbed,
  type APIStringSelectComponent,
} from 'discord-api-types/v10';
import { CHOICE_LETTERS } from '../content/ids.ts';
import type { Content } from '../content/load.ts';
import type { Question } from '../content/schema.ts';
import { PASS_SCORE, MAX_SCORE, ASSUMED_CUT } from '../domain/exam/score.ts';
import { answeredCount, type FinishedExam, type OpenExam } from '../domain/exam/session.ts';
import { EXAM_CHART, examChartPng } from './charts/index.ts';
import { buildCustomId, type ExamAction } from './customId.ts';
import { clip, type MessageFile, type MessagePayload } from './limits.ts';
import { COLORS, DOMAIN_EMOJI, percent, weightLabel } from './style.ts';

/** Options per "Go to…" menu (Discord's limit), so a 50-question exam has two menus. */
const GOTO_PER_MENU = 25;
/** Missed questions per result page: four explanations fit one embed comfortably. */
export const MISSES_PER_PAGE = 4;

type Row = APIActionRowComponent<APIComponentInMessageActionRow>;

function examButton(
  ownerId: string,
  exam: { examId: string },
  action: ExamAction,
  position: number,
  label: string,
  style: ButtonStyle,
  extra: Partial<APIButtonComponent> = {},
): APIButtonComponent {
  return {
    type: ComponentType.Button,
    style,
    label,
    custom_id: buildCustomId({ kind: 'exam', ownerId, examId: exam.examId, action, position }),
    ...extra,
  } as APIButtonComponent;
}

function timeLeft(deadline: number): string {
  return `⏱️ Time is up ${time(new Date(deadline), TimestampStyles.RelativeTime)} (at ${time(new Date(deadline), TimestampStyles.ShortTime)})`;
}

function gotoMenus(ownerId: string, exam: OpenExam, current: number): Row[] {
  const menus: Row[] = [];
  for (let part = 0; part * GOTO_PER_MENU < exam.questionIds.length; part++) {
    const first = part * GOTO_PER_MENU;
    const last = Math.min(exam.questionIds.length, first + GOTO_PER_MENU);
    const options = [];
    for (let position = first; position < last; position++) {
      const answer = exam.answers[position];
      const flagged = exam.flagged.includes(position);
      options.push({
        label: `Question ${position + 1}: ${answer ? `answered ${answer}` : 'not answered'}${flagged ? ' · flagged' : ''}`,
        value: String(position),
        ...(flagged ? { emoji: { name: '🚩' } } : answer ? { emoji: { name: '✅' } } : { emoji: { name: '⬜' } }),
        ...(position === current && { default: true }),
      });
    }
    const select: APIStringSelectComponent = {
      type: ComponentType.StringSelect,
      custom_id: buildCustomId({ kind: 'examGoto', ownerId, examId: exam.examId, part }),
      placeholder: `Go to… questions ${first + 1}-${last}`,
      options,
    };
    menus.push({ type: ComponentType.ActionRow, components: [select] });
  }
  return menus;
}

/**
 * One question of an open exam: no right or wrong, the learner's current answer marked. A question
 * removed from the bank since the exam began (`undefined`) shows as such and is not scored.
 */
export function renderExamQuestion(ownerId: string, exam: OpenExam, question: Question | undefined, position: number): MessagePayload {
  const total = exam.questionIds.length;
  const chosen = exam.answers[position];
  const flagged = exam.flagged.includes(position);
  const choices = question?.choices.map((choice, i) => `${CHOICE_LETTERS[i] === chosen ? '▶ ' : ''}**${CHOICE_LETTERS[i]}.** ${choice}`).join('\n');
  const embed: APIEmbed = {
    title: `📝 Mock exam · question ${position + 1} of ${total}${flagged ? ' · 🚩 flagged' : ''}`,
    color: COLORS.neutral,
    description: question
      ? `${question.stem}\n\n${choices}\n\n${chosen ? `Your answer: **${chosen}**` : '*Not answered yet.*'}`
      : 'This question was removed from the bank after the exam began, so it is not scored. Go on with Next or the menu.',
    fields: [
      { name: 'Progress', value: `${answeredCount(exam)} of ${total} answered · ${exam.flagged.length} flagged`, inline: true },
      { name: 'Time', value: timeLeft(exam.deadline), inline: true },
    ],
    footer: { text: 'No right or wrong until you submit. Click your answer again to clear it. Only you can see this.' },
  };
  const answers: Row = {
    type: ComponentType.ActionRow,
    components: CHOICE_LETTERS.map((letter) => ({
      type: ComponentType.Button,
      style: letter === chosen ? ButtonStyle.Primary : ButtonStyle.Secondary,
      label: letter,
      custom_id: buildCustomId({ kind: 'exam', ownerId, examId: exam.examId, action: 'answer', position, letter }),
    })),
  };
  const navigation: Row = {
    type: ComponentType.ActionRow,
    components: [
      examButton(ownerId, exam, 'go', Math.max(0, position - 1), '◀ Previous', ButtonStyle.Secondary, { disabled: position === 0 }),
      examButton(ownerId, exam, 'go', Math.min(total - 1, position + 1), 'Next ▶', ButtonStyle.Secondary, { disabled: position === total - 1 }),
      examButton(ownerId, exam, 'flag', position, flagged ? 'Unflag' : 'Flag for review', ButtonStyle.Secondary, { emoji: { name: '🚩' } }),
      examButton(ownerId, exam, 'submit', position, 'Submit…', ButtonStyle.Success),
    ],
  };
  return { embeds: [embed], components: [...(question ? [answers] : []), navigation, ...gotoMenus(ownerId, exam, position)], files: [] };
}

function positionsList(positions: number[]): string {
  if (positions.length === 0) return 'none';
  return clip(positions.map((p) => p + 1).join(', '), 1000);
}

/** "Submit your exam?" with what is unanswered and flagged. */
export function renderSubmitConfirm(ownerId: string, exam: OpenExam, position: number): MessagePayload {
  const unanswered = exam.answers.flatMap((a, i) => (a === null ? [i] : []));
  const embed: APIEmbed = {
    title: '📝 Submit your mock exam?',
    color: COLORS.warning,
    description: `You answered **${answeredCount(exam)} of ${exam.questionIds.length}**. Unanswered questions count as wrong. After submitting, answers can no longer change.`,
    fields: [
      { name: 'Not answered', value: positionsList(unanswered) },
      { name: '🚩 Flagged for review', value: positionsList(exam.flagged) },
      { name: 'Time', value: timeLeft(exam.deadline) },
    ],
  };
  const row: Row = {
    type: ComponentType.ActionRow,
    components: [
      examButton(ownerId, exam, 'confirm', position, 'Submit now', ButtonStyle.Success),
      examButton(ownerId, exam, 'go', position, `Back to question ${position + 1}`, ButtonStyle.Secondary),
    ],
  };
  return { embeds: [embed], components: [row], files: [] };
}

/** What `/ai300 exam` shows while an exam is open. */
export function renderResumeOffer(ownerId: string, exam: OpenExam, resumeAt: number): MessagePayload {
  const embed: APIEmbed = {
    title: '📝 You have a mock exam in progress',
    color: COLORS.neutral,
    description: `${answeredCount(exam)} of ${exam.questionIds.length} answered, ${exam.flagged.length} flagged.\n${timeLeft(exam.deadline)}\n\nResume it, or abandon it to start another: an abandoned exam is not scored and its answers are not recorded.`,
  };
  const row: Row = {
    type: ComponentType.ActionRow,
    components: [
      examButton(ownerId, exam, 'go', resumeAt, `Resume at question ${resumeAt + 1}`, ButtonStyle.Primary),
      examButton(ownerId, exam, 'abandon', resumeAt, 'Abandon', ButtonStyle.Danger),
    ],
  };
  return { embeds: [embed], components: [row], files: [] };
}

export function renderAbandoned(): MessagePayload {
  return {
    content: '🗑️ Exam abandoned: it was not scored and nothing was recorded. `/ai300 exam` starts a new one.',
    embeds: [],
    components: [],
    files: [],
  };
}

/** The figures of the per-domain chart, shared with the embed's text so both say the same. */
function domainFigures(content: Content, finished: FinishedExam) {
  return finished.score.domains
    .filter((d) => d.asked > 0)
    .map((d) => {
      const domain = content.domainById.get(d.domain)!;
      return { domain, correct: d.correct, asked: d.asked, share: d.correct / d.asked };
    });
}

function verdict(finished: FinishedExam): string {
  return finished.score.passed ? '**likely pass**' : '**likely fail**';
}

export async function renderExamResultChart(content: Content, finished: FinishedExam): Promise<MessageFile> {
  const { score } = finished;
  const data = await examChartPng({
    title: `Mock exam: ${score.correct}/${score.asked} · estimated ${score.score}/${MAX_SCORE}`,
    subtitle: `Share right per domain, pass line ${Math.round(ASSUMED_CUT * 100)}% (about ${PASS_SCORE} on the exam's scale)`,
    domains: domainFigures(content, finished).map((d) => ({
      label: d.domain.name,
      value: d.share,
      note: `${d.correct}/${d.asked} · weight ${weightLabel(d.domain)}`,
    })),
    passLine: ASSUMED_CUT,
  });
  return { name: EXAM_CHART.name, data, description: `Share right per domain in the mock exam of ${new Date(finished.finishedAt).toISOString().slice(0, 10)}` };
}

function missField(question: Question | undefined, position: number, chosen: string | null) {
  if (!question) return { name: `Question ${position + 1}`, value: 'This question has since been removed from the bank.' };
  const answerText = question.choices[CHOICE_LETTERS.indexOf(question.answer)]!;
  return {
    name: clip(
      `❌ ${position + 1}. ${DOMAIN_EMOJI[question.domain]} ${chosen ? `you chose ${chosen}` : 'not answered'}, the answer is ${question.answer}`,
      256,
    ),
    value: clip(`${clip(question.stem, 260)}\n**${question.answer}.** ${clip(answerText, 160)}\n${question.explanation}`, 800),
  };
}

/** The result: score, estimate, domains against their weights, and one page of missed questions. */
export function renderExamResult(content: Content, ownerId: string, finished: FinishedExam, page: number, chart?: MessageFile): MessagePayload {
  const { score } = finished;
  const missed = finished.questionIds.flatMap((id, i) => (finished.answers[i] !== content.questionById.get(id)?.answer ? [i] : []));
  const pages = Math.max(1, Math.ceil(missed.length / MISSES_PER_PAGE));
  const current = Math.min(Math.max(0, page), pages - 1);
  const how =
    finished.end === 'timed-out'
      ? `Time ran out ${time(new Date(finished.deadline), TimestampStyles.RelativeTime)}; it was scored as it stood.`
      : `Submitted ${time(new Date(finished.finishedAt), TimestampStyles.RelativeTime)}.`;
  const domainLines = domainFigures(content, finished).map(
    (d) => `${DOMAIN_EMOJI[d.domain.id]} **${percent(d.share)}** ${d.domain.name}: ${d.correct}/${d.asked} · exam weight ${weightLabel(d.domain)}`,
  );
  const result: APIEmbed = {
    title: `📝 Mock exam result: ${score.correct}/${score.asked} correct`,
    color: score.passed ? COLORS.correct : COLORS.wrong,
    description: [
      `Estimated score **${score.score}** of ${MAX_SCORE} · pass line ${PASS_SCORE} · ${verdict(finished)} (an estimate)`,
      `${score.answered} of ${score.asked} answered · ${how}`,
      '',
      ...domainLines,
    ].join('\n'),
    footer: {
      text: `Estimate: each domain's share right weighted by its exam weight, then ${Math.round(ASSUMED_CUT * 100)}% ≈ ${PASS_SCORE} (0% ≈ 1, 100% = 1000). The real exam's cut varies by form. Your answers count in /ai300 stats; misses come back in /ai300 review.`,
    },
    ...(chart && { image: { url: `attachment://${chart.name}` } }),
  };
  const shown = missed.slice(current * MISSES_PER_PAGE, (current + 1) * MISSES_PER_PAGE);
  const misses: APIEmbed | undefined =
    missed.length > 0
      ? {
          title: `What you missed (${missed.length}) · page ${current + 1} of ${pages}`,
          color: COLORS.wrong,
          fields: shown.map((position) => missField(content.questionById.get(finished.questionIds[position]!), position, finished.answers[position] ?? null)),
        }
      : undefined;
  const components: Row[] =
    pages > 1
      ? [
          {
            type: ComponentType.ActionRow,
            components: [
              {
                type: ComponentType.Button,
                style: ButtonStyle.Secondary,
                label: '◀ Previous page',
                disabled: current === 0,
                custom_id: buildCustomId({ kind: 'examResult', ownerId, examId: finished.examId, page: Math.max(0, current - 1) }),
              },
              {
                type: ComponentType.Button,
                style: ButtonStyle.Secondary,
                label: 'Next page ▶',
                disabled: current === pages - 1,
                custom_id: buildCustomId({ kind: 'examResult', ownerId, examId: finished.examId, page: Math.min(pages - 1, current + 1) }),
              },
            ],
          },
        ]
      : [];
  return { embeds: misses ? [result, misses] : [result], components, files: chart ? [chart] : [] };
}
