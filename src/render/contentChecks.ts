// Content checked as Discord will see it: every message the bot builds from the content must fit
// Discord's limits. Runs with the content rules at start-up and in `npm run validate-content`.
import { CHOICE_LETTERS, type ChoiceLetter } from '../content/ids.ts';
import { loadContent, readContent, type Content, type ContentProblem } from '../content/load.ts';
import { renderCheatsheetOverview, renderDomainDetail } from './cheatsheet.ts';
import { buildCustomId } from './customId.ts';
import { renderDistinction, renderDistinctionList } from './distinction.ts';
import { checkMessageLimits } from './limits.ts';
import { renderQuestionPrompt, renderQuestionReveal } from './question.ts';

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
  for (const q of content.questions) {
    const file = content.questionFile.get(q.id) ?? `questions/${q.domain}.yaml`;
    check(file, `questions(${q.id})`, renderQuestionPrompt(content, q, { heading: 'Diagnostic 10/10', customIdFor: sampleId }));
    for (const chosen of CHOICE_LETTERS) {
      check(file, `questions(${q.id})`, renderQuestionReveal(content, q, chosen, { heading: 'Diagnostic 10/10', note: 'x'.repeat(200) }));
    }
  }
  return problems;
}
