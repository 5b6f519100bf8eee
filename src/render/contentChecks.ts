// Content checked as Discord will see it: every message the bot builds from the content must fit
// Discord's limits. Runs with the content rules at start-up and in `npm run validate-content`.
import { CHOICE_LETTERS, type ChoiceLetter } from '../content/ids.ts';
import { loadContent, readContent, type Content, type ContentProblem } from '../content/load.ts';
import { renderCheatsheetOverview, renderDomainDetail } from './cheatsheet.ts';
import { buildCustomId } from './customId.ts';
import { renderDistinction, renderDistinctionList } from './distinction.ts';
import { checkMessageLimits } from './limits.ts';
import { renderQuestionPrompt, renderQuestionReveal } from './question.ts';
import { renderSessionQuestion, renderSessionReveal } from './session.ts';
import type { QuestionResult, SessionRecord } from '../domain/session/round.ts';

/** Reads the content with every rule, rendering included. */
export function readCheckedContent(dir?: string) {
  return readContent(dir, [checkContentRendering]);
}

/** Loads the content with every rule, rendering included, or throws InvalidContentError. */
export function loadCheckedContent(dir?: string): Content {
  return loadContent(dir, [checkContentRendering]);
}

/** Renders every piece of content in its largest form and reports what would not fit Discord's limits. */
export function checkContentRendering(content: Content): ContentProblem[] {
  const problems: ContentProblem[] = [];
  const add = (file: string, field: string, message: string) => problems.push({ file, field, message });
  const check = (file: string, field: string, payload: Parameters<typeof checkMessageLimits>[0]) => {
    for (const problem of checkMessageLimits(payload)) add(file, field, `rendered message too large: ${problem}`);
  };
  // The longest answer id a question can carry: a snowflake owner, the longest serve id and both filters.
  const sampleId = (letter: ChoiceLetter) =>
    buildCustomId({
      kind: 'answer',
      ownerId: '12345678901234567890',
      questionId: 'optimization-999',
      serve: 'abcdefghijklmnop',
      letter,
      mode: 'quiz',
      domain: 'optimization',
      tag: 'observability',
    });
  check('domains.yaml', 'cheat sheet overview', renderCheatsheetOverview(content));
  for (const domain of content.domains) check('domains.yaml', `domains(${domain.id})`, renderDomainDetail(content, domain.id));
  check('distinctions.yaml', 'distinction list', renderDistinctionList(content));
  for (const d of content.distinctions) check('distinctions.yaml', `distinctions(${d.id})`, renderDistinction(content, d));
  const round = largestRound();
  for (const q of content.questions) {
    const file = content.questionFile.get(q.id) ?? `questions/${q.domain}.yaml`;
    check(file, `questions(${q.id})`, renderQuestionPrompt(content, q, { heading: 'Diagnostic 10/10', customIdFor: sampleId }));
    for (const chosen of CHOICE_LETTERS) {
      check(file, `questions(${q.id})`, renderQuestionReveal(content, q, chosen, { heading: 'Diagnostic 10/10', note: 'x'.repeat(200) }));
    }
    check(file, `questions(${q.id}) in a study session`, renderSessionQuestion(content, round, q, 99_999));
    const fastest = round.results[0]!.fastest;
    check(file, `questions(${q.id}) in a study session`, renderSessionReveal(content, round, q, { ...round.results[0]!, questionId: q.id, fastest }));
  }
  return problems;
}

/** A study session at its widest: 20 questions, long ids, a full scoreboard, three fastest. */
function largestRound(): SessionRecord {
  const player = (i: number) => `${'9'.repeat(18)}${String(i).padStart(2, '0')}`;
  const scores = Object.fromEntries(Array.from({ length: 12 }, (_, i) => [player(i), { points: 2_999, correct: 20, answered: 20, correctMs: 1 }]));
  const result: QuestionResult = {
    questionId: 'optimization-999',
    domain: 'optimization',
    answered: 99_999,
    correct: 99_999,
    fastest: [0, 1, 2].map((i) => ({ userId: player(i), ms: 119_999 })),
    settled: true,
  };
  return {
    v: 1,
    sessionId: 'abcdefghijklmnop',
    guildId: player(0),
    channelId: player(0),
    startedBy: player(0),
    startedAt: 0,
    seconds: 120,
    questionIds: Array.from({ length: 20 }, () => 'optimization-999'),
    current: 19,
    phase: 'revealed',
    messageId: player(0),
    askedAt: 0,
    deadline: 120_000,
    nextAt: 128_000,
    previousAnswerers: [],
    idleStreak: 0,
    scores,
    results: [result],
  };
}
