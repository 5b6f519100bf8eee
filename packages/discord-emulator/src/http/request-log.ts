// Request log and violation list (requests Discord would have rejected).
import type { EmulatorEvents, RequestLogEntry, Violation } from '../events.ts';

const MAX_ENTRIES = 10_000;

export class RequestLog {
  readonly requests: RequestLogEntry[] = [];
  readonly violations: Violation[] = [];

  constructor(private readonly events: EmulatorEvents) {}

  logRequest(entry: RequestLogEntry): void {
    this.requests.push(entry);
    if (this.requests.length > MAX_ENTRIES) this.requests.shift();
    this.events.emit('request', entry);
  }

  addViolation(violation: Violation): void {
    this.violations.push(violation);
    if (this.violations.length > MAX_ENTRIES) this.violations.shift();
    this.events.emit('violation', violation);
  }

  clear(): void {
    this.requests.length = 0;
    this.violations.length = 0;
  }
}

export function summarizeBody(raw: string, max = 500): string {
  return raw.length > max ? `${raw.slice(0, max)}… (${raw.length} chars)` : raw;
}

export function formatViolations(violations: Violation[]): string {
  return violations
    .map((v) => {
      const error = JSON.stringify(v.error);
      return v.kind === 'request'
        ? `${v.method} ${v.route} -> ${v.status} ${error}${v.body ? `\n    body: ${v.body}` : ''}`
        : `${v.route}: ${'message' in v.error ? v.error.message : error}`;
    })
    .join('\n');
}
