import { describe, expect, it } from 'vitest';
import { DOMAIN_IDS, type DomainId } from '../../src/content/ids.ts';
import { pickDailyQuestion, type ChannelRecord } from '../../src/domain/daily/pick.ts';
import { addAnswer, examWeights, type DomainTallies } from '../../src/domain/mastery.ts';
import { seededRandom } from '../../src/domain/random.ts';
import { fixtureContentSet } from '../helpers/botContext.ts';

const content = fixtureContentSet();
const weights = examWeights(content.domains);

function tallies(results: Partial<Record<DomainId, boolean[]>>): DomainTallies {
  const out: DomainTallies = {};
  for (const [domain, answers] of Object.entries(results) as [DomainId, boolean[]][]) {
    for (const correct of answers) out[domain] = addAnswer(out[domain], correct);
  }
  return out;
}

function shares(channel: ChannelRecord, picks = 1000, seed = 7): Record<DomainId, number> {
  const random = seededRandom(seed);
  const counts = Object.fromEntries(DOMAIN_IDS.map((d) => [d, 0])) as Record<DomainId, number>;
  for (let i = 0; i < picks; i++) counts[pickDailyQuestion(content.questions, channel, weights, random)!.domain]++;
  return Object.fromEntries(DOMAIN_IDS.map((d) => [d, counts[d] / picks])) as Record<DomainId, number>;
}

describe('daily question weighting', () => {
  it('follows the exam weights for a channel with no record', () => {
    const got = shares({ tallies: {}, tagMisses: {}, recent: [] });
    for (const domain of DOMAIN_IDS) expect(Math.abs(got[domain] - weights[domain])).toBeLessThan(0.05);
  });

  it('asks a domain the channel keeps missing far more often than its exam weight, without dropping the others', () => {
    const strong = Array(12).fill(true);
    const channel: ChannelRecord = {
      tallies: tallies({ infra: strong, lifecycle: strong, genaiops: strong, quality: Array(12).fill(false), optimization: strong }),
      tagMisses: { quality: 12 },
      recent: [],
    };
    const got = shares(channel);
    // Quality is 12.5% of the exam; a channel that misses it all should see it well over twice as often.
    expect(got.quality).toBeGreaterThan(2.5 * weights.quality);
    for (const domain of DOMAIN_IDS) expect(got[domain], domain).toBeGreaterThan(0.02);
  });

  it('avoids questions the channel saw recently', () => {
    const random = seededRandom(3);
    const recent = content.questions
      .filter((q) => q.domain === 'quality')
      .slice(0, 15)
      .map((q) => q.id);
    const channel: ChannelRecord = { tallies: tallies({ quality: Array(10).fill(false) }), tagMisses: {}, recent };
    for (let i = 0; i < 300; i++) {
      const question = pickDailyQuestion(content.questions, channel, weights, random)!;
      expect(recent).not.toContain(question.id);
    }
  });
});
