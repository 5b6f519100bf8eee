// A real BotContext on an in-memory (or given) store, for tests that need no Discord.
import type { Content } from '../../src/content/load.ts';
import { readCheckedContent } from '../../src/render/contentChecks.ts';
import type { BotContext } from '../../src/bot/context.ts';
import { LiveCounter } from '../../src/bot/daily/liveCount.ts';
import { examWeights } from '../../src/domain/mastery.ts';
import { seededRandom } from '../../src/domain/random.ts';
import { silentLogger } from '../../src/logger.ts';
import { DailyStore } from '../../src/store/dailyStore.ts';
import { ExamStore } from '../../src/store/examStore.ts';
import { ReportStore } from '../../src/store/reportStore.ts';
import { openKeyValue, type KeyValue } from '../../src/store/kv.ts';
import { SessionStore } from '../../src/store/sessionStore.ts';
import { StudyStore } from '../../src/store/studyStore.ts';
import { validBank, writeContent } from './contentFixture.ts';

let fixtureContent: Content | undefined;

/** A valid content set that does not depend on the real bank being complete. */
export function fixtureContentSet(): Content {
  fixtureContent ??= readCheckedContent(writeContent(validBank())).content!;
  return fixtureContent;
}

export interface TestClock {
  now: () => Date;
  set(date: Date | string): void;
  advance(ms: number): void;
}

export function testClock(start: Date | string): TestClock {
  let current = new Date(start).getTime();
  return {
    now: () => new Date(current),
    set: (date) => {
      current = new Date(date).getTime();
    },
    advance: (ms) => {
      current += ms;
    },
  };
}

export async function testContext(
  options: { kv?: KeyValue; clock?: TestClock; seed?: number; content?: Content } = {},
): Promise<BotContext & { kv: KeyValue }> {
  const kv = options.kv ?? (await openKeyValue('memory://'));
  const content = options.content ?? fixtureContentSet();
  const weights = examWeights(content.domains);
  return {
    kv,
    content,
    weights,
    store: new StudyStore(kv, undefined, { weights }),
    exams: new ExamStore(kv),
    daily: { store: new DailyStore(kv), liveCounter: new LiveCounter(async () => undefined, silentLogger, 60_000) },
    reports: new ReportStore(kv),
    // No Discord here: rounds are saved but nothing is posted.
    sessions: { store: new SessionStore(kv), driver: { launch: async () => undefined, noteAnswer: () => undefined, stepNow: async () => undefined } },
    logger: silentLogger,
    now: options.clock?.now ?? (() => new Date('2026-06-01T12:00:00Z')),
    random: seededRandom(options.seed ?? 1),
  };
}
