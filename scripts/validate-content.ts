// Checks every content file; exits non-zero with one line per problem.
import { formatProblem } from '../src/content/load.ts';
import { readCheckedContent } from '../src/render/contentChecks.ts';

const dir = process.argv[2];
const { content, problems } = readCheckedContent(dir);
if (!content) {
  console.error(`Content is invalid (${problems.length} problem${problems.length === 1 ? '' : 's'}):`);
  for (const problem of problems) console.error(`  ${formatProblem(problem)}`);
  process.exit(1);
}
const perDomain = content.domains.map((d) => `${d.id} ${content.questionsByDomain.get(d.id)?.length ?? 0}`).join(', ');
console.log(`Content is valid: ${content.questions.length} questions (${perDomain}), ${content.distinctions.length} distinctions, ${content.tags.length} miss tags.`);
