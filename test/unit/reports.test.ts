import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { type QuestionReport, questionHash, reportCommentProblem, reportsToCsv } from '../../src/domain/reports.ts';
import { openKeyValue } from '../../src/store/kv.ts';
import { ReportStore } from '../../src/store/reportStore.ts';

const report = (over: Partial<QuestionReport> = {}): QuestionReport => ({
  v: 1,
  questionId: 'quality-001',
  questionHash: 'abc',
  guildId: '100000000000000001',
  reporterId: '200000000000000001',
  kind: 'typo',
  comment: '',
  at: Date.parse('2026-12-01T10:00:00Z'),
  ...over,
});

describe('question reports', () => {
  it('hashes what the reporter saw, so an edited question hashes differently', () => {
    const q = { stem: 'Which?', choices: ['a', 'b', 'c', 'd'], answer: 'B' as const };
    expect(questionHash(q)).toBe(questionHash({ ...q }));
    expect(questionHash(q)).not.toBe(questionHash({ ...q, answer: 'C' }));
    expect(questionHash(q)).toMatch(/^[0-9a-f]{16}$/);
  });

  it('needs a comment for "other" and refuses one over 500 characters', () => {
    expect(reportCommentProblem('other', '')).toContain('please say in the comment');
    expect(reportCommentProblem('typo', '')).toBeUndefined();
    expect(reportCommentProblem('unclear', 'x'.repeat(501))).toContain('the limit is 500');
  });

  it('writes CSV that survives commas, quotes and line breaks', () => {
    const csv = reportsToCsv([report({ comment: 'A, "B"\nand C' })]);
    expect(csv).toBe(
      'at,questionId,questionHash,guildId,reporterId,kind,comment\r\n"2026-12-01T10:00:00.000Z","quality-001","abc","100000000000000001","200000000000000001","typo","A, ""B""\nand C"\r\n',
    );
  });

  it('keeps one report per member per question, and npm run reports exports them from the store file', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'ai300-reports-')), 'store.sqlite');
    const kv = await openKeyValue(`sqlite://${file}`);
    const store = new ReportStore(kv);
    expect(await store.add(report())).toBe('added');
    expect(await store.add(report({ kind: 'unclear' }))).toBe('duplicate');
    expect(await store.add(report({ guildId: '100000000000000002', at: Date.parse('2026-12-02T10:00:00Z') }))).toBe('added');
    expect((await store.forGuild('100000000000000001')).map((r) => r.kind)).toEqual(['typo']);
    await kv.close();
    const { stdout, stderr } = await promisify(execFile)('npx', ['tsx', 'scripts/export-reports.ts'], {
      env: { ...process.env, STORE_URL: `sqlite://${file}` },
    });
    const lines = stdout.trim().split('\r\n');
    expect(lines).toHaveLength(3);
    expect(lines[1]).toContain('"100000000000000002"'); // newest first
    expect(stderr).toContain('2 reports');
  });
});
