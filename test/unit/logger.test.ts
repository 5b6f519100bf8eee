import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.ts';

function capture(readable: boolean) {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  const logger = createLogger('info', sink, readable);
  return { logger, lines };
}

describe('logger', () => {
  it('writes JSON lines when the output is not a terminal', () => {
    const { logger, lines } = capture(false);
    logger.info({ guildId: '1' }, 'daily question posted');
    expect(JSON.parse(lines[0]!)).toMatchObject({ msg: 'daily question posted', guildId: '1' });
  });

  it('writes readable lines on a terminal, still with tokens redacted', () => {
    const { logger, lines } = capture(true);
    logger.warn({ token: 'secret-token-value', err: { url: 'https://discord.com/api/webhooks/1/abc' } }, 'could not reply');
    const text = lines.join('');
    expect(() => JSON.parse(text)).toThrow();
    expect(text).toContain('could not reply');
    expect(text).toContain('[redacted]');
    expect(text).not.toContain('secret-token-value');
    expect(text).not.toContain('webhooks/1/abc');
  });
});
