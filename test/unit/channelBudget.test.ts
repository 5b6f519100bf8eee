import { describe, expect, it } from 'vitest';
import { CHANNEL_WINDOW_MS, ChannelBudget } from '../../src/bot/session/channelBudget.ts';

describe("a channel's budget of 5 posts or edits per 5 seconds", () => {
  it('lets a count edit out only while two slots stay free for the reveal and the next post', () => {
    let now = 0;
    const budget = new ChannelBudget(() => now);
    expect(budget.allowsCountEdit('c1')).toBe(true);
    budget.note('c1'); // the question
    budget.note('c1'); // a count edit
    expect(budget.allowsCountEdit('c1')).toBe(true);
    budget.note('c1'); // another
    expect(budget.allowsCountEdit('c1')).toBe(false);
    expect(budget.allowsCountEdit('c2')).toBe(true); // channels are apart
    now += CHANNEL_WINDOW_MS; // the window slides past the first three
    expect(budget.allowsCountEdit('c1')).toBe(true);
  });

  it('forgets a channel whose round ended', () => {
    const budget = new ChannelBudget(() => 0);
    for (let i = 0; i < 5; i++) budget.note('c1');
    expect(budget.allowsCountEdit('c1')).toBe(false);
    budget.forget('c1');
    expect(budget.allowsCountEdit('c1')).toBe(true);
  });
});
