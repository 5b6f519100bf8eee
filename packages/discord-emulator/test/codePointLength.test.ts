import { describe, expect, it } from 'vitest';
import { codePointLength } from '../src/validation/problems.ts';

describe('codePointLength', () => {
  it('counts characters as Discord does: a surrogate pair is one, a lone surrogate is one', () => {
    const samples = [
      '',
      'a',
      'plain ASCII text',
      'café — “quotes”',
      '😀',
      'a😀b😀',
      '👩‍🔬 scientist',
      '\ud83d',
      'x\ude00y',
      '\ud83d\ud83d\ude00',
      '漢字かな',
      'end\ud83d',
    ];
    for (const text of samples) expect(codePointLength(text), JSON.stringify(text)).toBe([...text].length);
  });

  it('agrees with the string iterator on random strings of mixed code units', () => {
    let seed = 7;
    const next = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const units = [0x61, 0xe9, 0x4e2d, 0xd83d, 0xde00, 0xdbff, 0xdc00];
    for (let n = 0; n < 500; n++) {
      const text = String.fromCharCode(...Array.from({ length: Math.floor(next() * 12) }, () => units[Math.floor(next() * units.length)]!));
      expect(codePointLength(text)).toBe([...text].length);
    }
  });
});
