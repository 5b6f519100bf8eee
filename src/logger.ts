// Structured logs: a context object first, a short message second. The token is redacted
// wherever it might appear.
import { createRequire } from 'node:module';
import { pino, type DestinationStream, type Logger } from 'pino';
import type PinoPretty from 'pino-pretty';
import type { LogLevel } from './config.ts';

// Loaded only for a terminal: a bot whose output goes to a log collector never pays for it.
const loadPretty = () => createRequire(import.meta.url)('pino-pretty') as typeof PinoPretty;

export type { Logger };

// Webhook URLs and request bodies of Discord errors carry interaction tokens.
const REDACTED = ['token', '*.token', 'config.discordToken', 'headers.authorization', 'err.url', 'err.requestBody'];

/**
 * JSON lines for log collectors; on a terminal, readable lines instead (pino-pretty in-process, so
 * no worker thread). Redaction happens before either format sees the record.
 */
export function createLogger(level: LogLevel = 'info', destination?: DestinationStream, readable = !destination && process.stdout.isTTY === true): Logger {
  const out = readable
    ? loadPretty()({ colorize: true, translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname', sync: true, destination: destination ?? 1 })
    : destination;
  return pino({ level, base: undefined, redact: { paths: REDACTED, censor: '[redacted]' } }, out);
}

/** A logger that drops everything, for tests that do not look at logs. */
export const silentLogger: Logger = pino({ level: 'silent' });
