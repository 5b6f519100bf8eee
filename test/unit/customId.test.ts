import { describe, expect, it } from 'vitest';
import { CUSTOM_ID_MAX, buildCustomId, parseCustomId, type CustomId } from '../../src/render/customId.ts';
import { CHOICE_LETTERS, DOMAIN_IDS, MISS_TAGS } from '../../src/content/ids.ts';
import { PERIODS } from '../../src/domain/periods.ts';
import { realDistinctions } from './inlineContent.ts';

const OWNER = '123456789012345678';
const LONG_OWNER = '9'.repeat(20); // the longest snowflake the grammar accepts
const LONG_QUESTION = 'optimization-999'; // longest domain name in a <domain>-NNN id
const LONG_SERVE = 'z'.repeat(16);

function roundTrip(id: CustomId): void {
  const built = buildCustomId(id);
  expect(built.length).toBeLessThanOrEqual(CUSTOM_ID_MAX);
  expect(parseCustomId(built)).toStrictEqual({ ok: true, id });
}

function failure(raw: string) {
  const result = parseCustomId(raw);
  expect(result.ok).toBe(false);
  return result.ok ? undefined : result.reason;
}

describe('custom id round trip', () => {
  it.each<CustomId>([
    { kind: 'cheatsheet' },
    { kind: 'distinctionQuiz', distinctionId: 'model-drift-vs-data-drift' },
    { kind: 'answer', ownerId: OWNER, questionId: 'infra-001', serve: 'abc123', letter: 'C', mode: 'quiz' },
    { kind: 'answer', ownerId: OWNER, questionId: 'quality-014', serve: 'k9', letter: 'A', mode: 'review', domain: 'quality' },
    { kind: 'answer', ownerId: OWNER, questionId: 'genaiops-002', serve: 'x1', letter: 'D', mode: 'distinction', tag: 'observability' },
    { kind: 'answer', ownerId: OWNER, questionId: 'lifecycle-100', serve: 'x2', letter: 'B', mode: 'quiz', domain: 'lifecycle', tag: 'genaiops' },
    { kind: 'next', ownerId: OWNER, mode: 'quiz' },
    { kind: 'next', ownerId: OWNER, mode: 'review', domain: 'infra', tag: 'infrastructure' },
    { kind: 'diagnostic', ownerId: OWNER, runId: 'run42', position: 7, letter: 'B' },
    { kind: 'diagnostic', ownerId: OWNER, runId: 'run42', position: 0, letter: 'A' },
    { kind: 'daily', postId: 'post7', letter: 'D' },
    { kind: 'leaderboard', ownerId: OWNER, period: 'week', page: 0 },
    { kind: 'leaderboard', ownerId: OWNER, domain: 'genaiops', period: 'all', page: 12 },
    { kind: 'forget', ownerId: OWNER, confirm: true },
    { kind: 'forget', ownerId: OWNER, confirm: false },
    { kind: 'sessionAnswer', sessionId: 'abc123', index: 0, letter: 'A' },
    { kind: 'sessionAnswer', sessionId: LONG_SERVE, index: 19, letter: 'D' },
    { kind: 'sessionStop', sessionId: 'abc123' },
    { kind: 'sessionMine', sessionId: LONG_SERVE },
    { kind: 'sessionAgain', questions: 10, seconds: 30 },
    { kind: 'sessionAgain', domain: 'optimization', questions: 20, seconds: 120 },
    { kind: 'exam', ownerId: OWNER, examId: 'ex42', action: 'answer', position: 49, letter: 'D' },
    { kind: 'exam', ownerId: LONG_OWNER, examId: LONG_SERVE, action: 'confirm', position: 0 },
    { kind: 'exam', ownerId: OWNER, examId: 'ex42', action: 'flag', position: 12 },
    { kind: 'examGoto', ownerId: OWNER, examId: 'ex42', part: 1 },
    { kind: 'examResult', ownerId: OWNER, examId: 'ex42', page: 3 },
  ])('parses back exactly what was built: $kind', (id) => roundTrip(id));

  it('takes a letter on an exam answer only, and always one there', () => {
    expect(failure(`ex:1:${OWNER}:ex42:a:3:-`)).toBe('malformed');
    expect(failure(`ex:1:${OWNER}:ex42:g:3:B`)).toBe('malformed');
    expect(failure(`ex:1:${OWNER}:ex42:q:3:-`)).toBe('malformed');
    expect(failure(`ex:1:${OWNER}:ex42:g:100:-`)).toBe('malformed');
    expect(failure(`eg:1:${OWNER}:ex42:10`)).toBe('malformed');
  });

  it('keeps the longest answer and next ids within 100 characters for every filter combination', () => {
    for (const domain of DOMAIN_IDS)
      for (const tag of MISS_TAGS)
        for (const mode of ['quiz', 'review', 'distinction'] as const)
          for (const letter of CHOICE_LETTERS) {
            roundTrip({ kind: 'answer', ownerId: LONG_OWNER, questionId: LONG_QUESTION, serve: LONG_SERVE, letter, mode, domain, tag });
            roundTrip({ kind: 'next', ownerId: LONG_OWNER, mode, domain, tag });
          }
  });

  it('keeps the longest leaderboard and diagnostic ids within 100 characters', () => {
    for (const domain of DOMAIN_IDS) for (const period of PERIODS) roundTrip({ kind: 'leaderboard', ownerId: LONG_OWNER, domain, period, page: 9999 });
    roundTrip({ kind: 'diagnostic', ownerId: LONG_OWNER, runId: LONG_SERVE, position: 99, letter: 'D' });
  });

  it('round-trips the "Quiz me on this" button of every real distinction', () => {
    const failing = realDistinctions()
      .map((d) => d.id)
      .filter((id) => !parseCustomId(buildCustomId({ kind: 'distinctionQuiz', distinctionId: id })).ok);
    expect(failing).toEqual([]);
  });
});

describe('malformed custom ids', () => {
  const answer = (args: string) => `qa:1:${OWNER}:infra-001:abc:${args}`;

  it('rejects empty and over-long input as malformed', () => {
    expect(failure('')).toBe('malformed');
    expect(failure(`cs:1:${'a'.repeat(CUSTOM_ID_MAX)}`)).toBe('malformed');
    expect(failure(`qa:1:${OWNER}:${'a'.repeat(101)}`)).toBe('malformed');
    expect(failure(undefined as unknown as string)).toBe('malformed');
  });

  it('rejects an unknown prefix as unknown-kind', () => {
    expect(failure('zz:1')).toBe('unknown-kind');
    expect(failure(':::::::::::::')).toBe('unknown-kind');
    expect(failure('QA:1:x')).toBe('unknown-kind');
    expect(failure('🎯:1:x')).toBe('unknown-kind');
  });

  it('reports another version as stale, whatever its arguments', () => {
    expect(failure('cs:0')).toBe('stale-version');
    expect(failure('qa:2:anything:at:all')).toBe('stale-version');
    expect(failure(`fg:10:${OWNER}:y`)).toBe('stale-version');
  });

  it('rejects too few or too many arguments', () => {
    expect(failure('cs:1:extra')).toBe('malformed');
    expect(failure(`fg:1:${OWNER}`)).toBe('malformed');
    expect(failure(`fg:1:${OWNER}:y:extra`)).toBe('malformed');
    expect(failure(answer('A:q:-'))).toBe('malformed');
    expect(failure(answer('A:q:-:-:-'))).toBe('malformed');
    expect(failure('dy:1:post7')).toBe('malformed');
    expect(failure(`qa:1${':'.repeat(60)}`)).toBe('malformed');
  });

  it('rejects owners that are not 5 to 20 ascii digits', () => {
    expect(failure('fg:1:abcdefgh:y')).toBe('malformed');
    expect(failure('fg:1:1234:y')).toBe('malformed');
    expect(failure(`fg:1:${'1'.repeat(21)}:y`)).toBe('malformed');
    expect(failure('fg:1:１２３４５６７:y')).toBe('malformed'); // full-width digits
  });

  it('rejects a letter outside A-D and an unknown mode', () => {
    expect(failure(answer('E:q:-:-'))).toBe('malformed');
    expect(failure(answer('a:q:-:-'))).toBe('malformed');
    expect(failure(`dg:1:${OWNER}:run1:3:E`)).toBe('malformed');
    expect(failure('dy:1:post7:E')).toBe('malformed');
    expect(failure(answer('A:x:-:-'))).toBe('malformed');
    expect(failure(`qn:1:${OWNER}:quiz:-:-`)).toBe('malformed');
  });

  it('rejects unknown domains and tags', () => {
    expect(failure(answer('A:q:security:-'))).toBe('malformed');
    expect(failure(answer('A:q:-:speed'))).toBe('malformed');
    expect(failure(`qn:1:${OWNER}:q::-`)).toBe('malformed');
    expect(failure(`lb:1:${OWNER}:networking:week:0`)).toBe('malformed');
  });

  it('rejects negative, fractional and non-numeric pages and unknown periods', () => {
    expect(failure(`lb:1:${OWNER}:-:week:-1`)).toBe('malformed');
    expect(failure(`lb:1:${OWNER}:-:week:1.5`)).toBe('malformed');
    expect(failure(`lb:1:${OWNER}:-:week:two`)).toBe('malformed');
    expect(failure(`lb:1:${OWNER}:-:week:`)).toBe('malformed');
    expect(failure(`lb:1:${OWNER}:-:year:0`)).toBe('malformed');
  });

  it('rejects session ids with a bad question index, letter, session or size', () => {
    expect(failure('sa:1:abc123:x:A')).toBe('malformed');
    expect(failure('sa:1:abc123:100:A')).toBe('malformed');
    expect(failure('sa:1:abc123:1:E')).toBe('malformed');
    expect(failure('sa:1:ABC:1:A')).toBe('malformed');
    expect(failure('sx:1:abc123:extra')).toBe('malformed');
    expect(failure('sg:1:security:10:30')).toBe('malformed');
    expect(failure('sg:1:-:ten:30')).toBe('malformed');
    expect(failure('sa:2:abc123:1:A')).toBe('stale-version');
  });

  it('never throws on arbitrary unicode and punctuation', () => {
    const samples = ['qa:1:é:ü:ß', '\u0000:1', 'cs:1\n', 'dq:1:Model Drift', 'dq:1:', '::', 'lb:1:🙂🙂🙂🙂🙂:-:week:0', '\uD800:1'];
    for (const raw of samples) expect(() => parseCustomId(raw)).not.toThrow();
    for (const raw of samples) expect(parseCustomId(raw).ok).toBe(false);
  });
});
