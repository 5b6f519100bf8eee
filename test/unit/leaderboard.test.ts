import { describe, expect, it } from 'vitest';
import { EMPTY_TALLY, MIN_ANSWERS_TO_RANK, addAnswer, type DomainTallies, type DomainTally } from '../../src/domain/mastery.ts';
import { PAGE_SIZE, buildLeaderboard, pageCount, rankOf } from '../../src/domain/leaderboard.ts';
import { WEIGHTS } from './inlineContent.ts';

const tally = (right: number, wrong: number): DomainTally => {
  let t = EMPTY_TALLY;
  for (let i = 0; i < wrong; i++) t = addAnswer(t, false);
  for (let i = 0; i < right; i++) t = addAnswer(t, true);
  return t;
};

const users: [string, DomainTallies][] = [
  ['ann', { lifecycle: tally(8, 0) }],
  ['bob', { lifecycle: tally(2, 6) }],
  ['cat', { quality: tally(8, 0) }], // same answers as ann, in a lighter domain
  ['dan', { lifecycle: tally(3, 0) }], // too few to rank
  ['eve', { infra: tally(1, 0), quality: tally(1, 0) }], // too few to rank
  ['fay', {}],
  ['gus', { quality: tally(3, 2) }],
  ['hal', { infra: tally(5, 0), quality: tally(2, 0) }], // ranked overall, too few in quality
];

describe('buildLeaderboard', () => {
  it('ranks by readiness and lists learners under the minimum apart, most answers first', () => {
    const board = buildLeaderboard(users, WEIGHTS);
    // Readiness gains over 0.5: ann +.091, hal +.071, cat +.041, gus +.010, bob -.035.
    expect(board.ranked.map((s) => s.userId)).toEqual(['ann', 'hal', 'cat', 'gus', 'bob']);
    expect(board.unranked.map((s) => [s.userId, s.answers])).toEqual([
      ['dan', 3],
      ['eve', 2],
    ]);
    expect(board.ranked.every((s) => s.answers >= MIN_ANSWERS_TO_RANK)).toBe(true);
  });

  it('breaks score ties by more answers, then by user id', () => {
    const board = buildLeaderboard(
      [
        ['zed', { infra: tally(5, 0) }],
        ['amy', { infra: tally(5, 0) }],
      ],
      WEIGHTS,
    );
    expect(board.ranked.map((s) => s.userId)).toEqual(['amy', 'zed']);
  });

  it('ranks a domain by that domain alone, with that domain count', () => {
    const board = buildLeaderboard(users, WEIGHTS, 'quality');
    expect(board.ranked.map((s) => [s.userId, s.answers])).toEqual([
      ['cat', 8],
      ['gus', 5],
    ]);
    expect(board.unranked.map((s) => [s.userId, s.answers])).toEqual([
      ['hal', 2],
      ['eve', 1],
    ]);
  });

  it('gives ranks from 1 and none to unranked learners', () => {
    const board = buildLeaderboard(users, WEIGHTS);
    expect(rankOf(board, 'ann')).toBe(1);
    expect(rankOf(board, 'bob')).toBe(5);
    expect(rankOf(board, 'dan')).toBeUndefined();
    expect(rankOf(board, 'nobody')).toBeUndefined();
  });

  it('counts pages of PAGE_SIZE, at least one', () => {
    const many = (n: number) =>
      buildLeaderboard(
        Array.from({ length: n }, (_, i) => [`u${i}`, { infra: tally(5, 0) }] as [string, DomainTallies]),
        WEIGHTS,
      );
    expect(pageCount(many(0))).toBe(1);
    expect(pageCount(many(PAGE_SIZE))).toBe(1);
    expect(pageCount(many(PAGE_SIZE + 1))).toBe(2);
    expect(pageCount(many(3 * PAGE_SIZE))).toBe(3);
  });
});
