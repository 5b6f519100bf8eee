// Structured logs: a context object first, a short message second. The token is redacted
// wherever it might appear.
import { pino, type DestinationStream, type Logger } from 'pino';
import type { LogLevel } from './config.ts';

export type { Logger };

// Webhook URLs and request bodies of Discord errors carry interaction tokens.
const REDACTED = ['token', '*.token', 'config.discordToken', 'headers.authorization', 'err.url', 'err.requestBody'];

export function createLogger(level: LogLevel = 'info', destination?: DestinationStream): Logger {
  return pino({ level, base: undefined, redact: { paths: REDACTED, censor: '[redacted]' } }, destination);
}

/** A logger that drops everything, for tests that do not look at logs. */
export const silentLogger: Logger = pino({ level: 'silent' });
