// Checks every content file; exits non-zero with one line per problem.
import { coverage, formatCoverage } from '../src/content/coverage.ts';
import { formatProblem } from '../src/content/load.ts';
import { readCheckedContent } from '../src/render/contentChecks.ts';

const dir = process.argv[2];
const { content, problems, draft } = readCheckedContent(dir);
// The table prints even when a rule fails, so an editor sees where the bank stands.
if (draft) console.log(`${formatCoverage(coverage(draft))}\n`);
if (!content) {
  console.error(`Content is invalid (${problems.length} problem${problems.length === 1 ? '' : 's'}):`);
  for (const problem of problems) console.error(`  ${formatProblem(problem)}`);
  process.exit(1);
}
const perDomain = content.domains.map((d) => `${d.id} ${content.questionsByDomain.get(d.id)?.length ?? 0}`).join(', ');
console.log(
  `Content is valid: ${content.questions.length} questions (${perDomain}), ${content.distinctions.length} distinctions, ${content.tags.length} miss tags.`,
);
