import { describe, expect, it } from 'vitest';
import { examWeights, addAnswer } from '../../src/domain/mastery.ts';
import { seededRandom } from '../../src/domain/random.ts';
import { pickSessionQuestions } from '../../src/domain/session/pick.ts';
import { advance, closeQuestion, missedMostDomain, scoreboard, type QuestionResult, type SessionRecord } from '../../src/domain/session/round.ts';
import { clampQuestions, clampSeconds, everyoneAnswered, pointsFor } from '../../src/domain/session/rules.ts';
import { fixtureContentSet } from '../helpers/botContext.ts';

const content = fixtureContentSet();

function round(overrides: Partial<SessionRecord> = {}): SessionRecord {
  return {
    v: 1,
    sessionId: 's1',
    guildId: 'g',
    channelId: 'c',
    startedBy: 'u0',
    startedAt: 0,
    seconds: 20,
    questionIds: ['q1', 'q2', 'q3'],
    current: 0,
    phase: 'asking',
    askedAt: 1_000,
    deadline: 21_000,
    messageId: 'm1',
    previousAnswerers: [],
    idleStreak: 0,
    scores: {},
    results: [],
    ...overrides,
  };
}

describe('session scoring', () => {
  it('scores nothing for a wrong answer, 100 plus a speed bonus shrinking to nothing at the deadline for a right one', () => {
    expect(pointsFor(false, 0, 30_000)).toBe(0);
    expect(pointsFor(true, 0, 30_000)).toBe(150);
    expect(pointsFor(true, 15_000, 30_000)).toBe(125);
    expect(pointsFor(true, 30_000, 30_000)).toBe(100);
    expect(pointsFor(true, 45_000, 30_000)).toBe(100);
  });

  it('keeps questions and seconds inside their ranges, with defaults', () => {
    expect([clampQuestions(undefined), clampQuestions(2), clampQuestions(50)]).toEqual([10, 5, 20]);
    expect([clampSeconds(null), clampSeconds(5), clampSeconds(500), clampSeconds(45)]).toEqual([30, 15, 120, 45]);
  });
});

describe('closing a question early', () => {
  it('waits for every member who answered the previous question, and never closes the first question early', () => {
    expect(everyoneAnswered([], new Set(['a']))).toBe(false);
    expect(everyoneAnswered(['a', 'b'], new Set(['a']))).toBe(false);
    expect(everyoneAnswered(['a', 'b'], new Set(['b', 'a', 'c']))).toBe(true);
  });
});

describe('closing a question', () => {
  it('scores right answers by speed, ranks the three fastest, and schedules the next question', () => {
    const answers = {
      a: { letter: 'B' as const, at: 3_000 },
      b: { letter: 'B' as const, at: 2_000 },
      c: { letter: 'A' as const, at: 1_500 },
      d: { letter: 'B' as const, at: 11_000 },
      e: { letter: 'B' as const, at: 20_000 },
    };
    const closed = closeQuestion(round(), answers, 'B', 'infra', 21_500, { pauseMs: 8_000 });
    expect(closed.phase).toBe('revealed');
    expect(closed.nextAt).toBe(29_500);
    expect(closed.results[0]).toMatchObject({
      answered: 5,
      correct: 4,
      fastest: [
        { userId: 'b', ms: 1_000 },
        { userId: 'a', ms: 2_000 },
        { userId: 'd', ms: 10_000 },
      ],
    });
    expect(closed.scores.b).toEqual({ points: 148, correct: 1, answered: 1, correctMs: 1_000 });
    expect(closed.scores.c).toEqual({ points: 0, correct: 0, answered: 1, correctMs: 0 });
    expect(closed.previousAnswerers.sort()).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(advance(closed)).toMatchObject({ current: 1, phase: 'asking' });
    expect(advance(closed).messageId).toBeUndefined();
  });

  it('ends the round after the last question, after a stop, and after two questions in a row nobody answered', () => {
    expect(closeQuestion(round({ current: 2 }), {}, 'A', 'infra', 30_000, { pauseMs: 1 })).toMatchObject({ phase: 'ended', endReason: 'finished' });
    expect(closeQuestion(round({ stopRequestedBy: 'u0' }), {}, 'A', 'infra', 5_000, { pauseMs: 1 })).toMatchObject({ phase: 'ended', endReason: 'stopped' });
    const once = closeQuestion(round(), {}, 'A', 'infra', 30_000, { pauseMs: 1 });
    expect(once).toMatchObject({ phase: 'revealed', idleStreak: 1 });
    expect(closeQuestion(advance(once), {}, 'A', 'infra', 60_000, { pauseMs: 1 })).toMatchObject({ phase: 'ended', endReason: 'idle' });
    expect(closeQuestion(round(), {}, 'A', 'infra', 30_000, { pauseMs: 1, stale: true })).toMatchObject({ phase: 'ended', endReason: 'interrupted' });
  });
});

describe('scoreboard and missed-most domain', () => {
  it('orders by points, then correct answers, then less time, with shared ranks for exact ties', () => {
    const board = scoreboard({
      slow: { points: 300, correct: 2, answered: 2, correctMs: 9_000 },
      fast: { points: 300, correct: 2, answered: 3, correctMs: 4_000 },
      top: { points: 400, correct: 3, answered: 3, correctMs: 20_000 },
      twin: { points: 300, correct: 2, answered: 2, correctMs: 9_000 },
    });
    expect(board.map((l) => [l.userId, l.rank])).toEqual([
      ['top', 1],
      ['fast', 2],
      ['slow', 3],
      ['twin', 3],
    ]);
  });

  it('names the domain with the largest share of misses, or none when nobody missed', () => {
    const result = (domain: QuestionResult['domain'], answered: number, correct: number): QuestionResult => ({
      questionId: 'x',
      domain,
      answered,
      correct,
      fastest: [],
      settled: true,
    });
    expect(missedMostDomain([result('infra', 10, 5), result('quality', 2, 0), result('infra', 4, 4)])).toEqual({ domain: 'quality', missed: 2, answered: 2 });
    expect(missedMostDomain([result('infra', 3, 3)])).toBeUndefined();
  });
});

describe('choosing a round', () => {
  it('picks distinct questions, avoids what the channel saw lately, and keeps to a domain when asked', () => {
    const recent = content.questions
      .filter((q) => q.domain === 'quality')
      .map((q) => q.id)
      .slice(0, 2);
    const picked = pickSessionQuestions(content.questions, { tallies: {}, tagMisses: {}, recent }, examWeights(content.domains), seededRandom(3), 5, 'quality');
    expect(picked.every((q) => q.domain === 'quality')).toBe(true);
    expect(new Set(picked.map((q) => q.id)).size).toBe(picked.length);
    expect(picked).toHaveLength(5);
    for (const id of recent) expect(picked.map((q) => q.id)).not.toContain(id);
  });

  it("leans toward the channel's weakest domain", () => {
    let weak = {};
    for (let i = 0; i < 40; i++) weak = { ...weak, optimization: addAnswer((weak as Record<string, ReturnType<typeof addAnswer>>).optimization, false) };
    const weights = examWeights(content.domains);
    let fromWeak = 0;
    const random = seededRandom(9);
    for (let i = 0; i < 40; i++)
      fromWeak += pickSessionQuestions(content.questions, { tallies: weak, tagMisses: {}, recent: [] }, weights, random, 5).filter(
        (q) => q.domain === 'optimization',
      ).length;
    // Exam share alone would give optimization about 12.5% of 200 picks.
    expect(fromWeak / 200).toBeGreaterThan(0.3);
  });
});
