// The suite starts many emulators, so start-up must stay cheap (validators compile lazily, once per process).
import { describe, expect, it } from 'vitest';
import { startEmulator } from '../src/index.ts';

describe('start-up cost', () => {
  it('starts and closes an emulator in well under 100 ms', async () => {
    const timings: number[] = [];
    for (let i = 0; i < 10; i++) {
      const started = performance.now();
      const emu = await startEmulator();
      timings.push(performance.now() - started);
      expect(emu.apiUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api$/);
      await emu.close();
    }
    timings.sort((a, b) => a - b);
    const median = timings[5]!;
    console.info(`emulator start-up: median ${median.toFixed(1)} ms, max ${timings[9]!.toFixed(1)} ms`);
    expect(median).toBeLessThan(100);
  });

  it('two emulators run side by side on different ports', async () => {
    const [a, b] = await Promise.all([startEmulator(), startEmulator()]);
    expect(a.apiUrl).not.toBe(b.apiUrl);
    await Promise.all([a.close(), b.close()]);
  });
});
