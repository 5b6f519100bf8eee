import { describe, expect, it } from 'vitest';
import { dueQuestionIds, nextDue, scheduleReview, type StoredCard } from '../../src/domain/review.ts';

const DAY = 86_400_000;
const now = new Date('2026-03-02T10:00:00Z');

describe('review scheduling', () => {
  it('starts a card on a miss, due later than now and at least a day away', () => {
    const card = scheduleReview(undefined, false, now);
    expect(card.due).toBeGreaterThan(now.getTime());
    // enable_short_term is off: no minute-level relearning steps.
    expect(card.due - now.getTime()).toBeGreaterThanOrEqual(DAY);
    expect(card.reps).toBe(1);
    expect(card.last_review).toBe(now.getTime());
  });

  it('stores plain numbers so the card survives JSON', () => {
    const card = scheduleReview(undefined, false, now);
    expect(JSON.parse(JSON.stringify(card))).toEqual(card);
    const again = scheduleReview(JSON.parse(JSON.stringify(card)) as StoredCard, true, new Date(card.due));
    expect(again.reps).toBe(2);
  });

  it('pushes each correct review further out than the interval before it', () => {
    let card = scheduleReview(undefined, false, now);
    let at = now.getTime();
    let interval = card.due - at;
    for (let i = 0; i < 4; i++) {
      at = card.due;
      card = scheduleReview(card, true, new Date(at));
      const next = card.due - at;
      expect(next).toBeGreaterThan(interval);
      interval = next;
    }
  });

  it('brings a card back sooner after a lapse than after a correct review', () => {
    let card = scheduleReview(undefined, false, now);
    for (let i = 0; i < 3; i++) card = scheduleReview(card, true, new Date(card.due));
    const at = new Date(card.due);
    const right = scheduleReview(card, true, at);
    const wrong = scheduleReview(card, false, at);
    expect(wrong.due).toBeLessThan(right.due);
    expect(wrong.lapses).toBe(card.lapses + 1);
  });
});

describe('due cards', () => {
  const card = (due: number) => ({ ...scheduleReview(undefined, false, now), due });
  const deck = {
    'infra-003': card(now.getTime() - 1 * DAY),
    'quality-001': card(now.getTime() - 3 * DAY),
    'lifecycle-009': card(now.getTime() + 2 * DAY),
    'genaiops-004': card(now.getTime()),
  };

  it('lists only due ids, oldest due first', () => {
    expect(dueQuestionIds(deck, now)).toEqual(['quality-001', 'infra-003', 'genaiops-004']);
    expect(dueQuestionIds(deck, new Date(now.getTime() - 5 * DAY))).toEqual([]);
    expect(dueQuestionIds({}, now)).toEqual([]);
  });

  it('gives the earliest due time, or undefined for an empty deck', () => {
    expect(nextDue(deck)).toBe(now.getTime() - 3 * DAY);
    expect(nextDue({ a: { due: 5 }, b: { due: 2 } })).toBe(2);
    expect(nextDue({})).toBeUndefined();
  });
});
