// Study session under load: a 5-question round in which 200 members answer every question within
// 2 seconds, against the emulator enforcing Discord's limits (5 posts or edits per channel per
// 5 s, 50 requests per second). Measures the initial response to every click, the reveal's delay
// after each question's end, 429s, and checks every answer is counted exactly once.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { APIMessage } from 'discord-api-types/v10';
import { startEmulator, warmUpValidators } from '@ai300/discord-emulator';
import { startBot } from '../../src/bot/startBot.ts';
import { seededRandom } from '../../src/domain/random.ts';
import { loadCheckedContent } from '../../src/render/contentChecks.ts';
import { silentLogger } from '../../src/logger.ts';
import { BOT_PERMISSIONS } from '../../test/helpers/studyWorld.ts';
import { type Figure, type Size, round, summarize } from './measure.ts';

const QUESTIONS = 5;
const SECONDS = 15;
const ANSWER_WINDOW_MS = 2_000;
const SMOKE_ANSWER_WINDOW_MS = 200;

interface QuestionRun {
  /** When the question ended (Date.now ms): its deadline, or the last answer that closed it early. */
  endedAt: number;
  revealedAt: number;
  early: boolean;
}

export async function sessionLoad(size: Size): Promise<Figure[]> {
  const members = size === 'full' ? 200 : 8;
  const answerWindowMs = size === 'full' ? ANSWER_WINDOW_MS : SMOKE_ANSWER_WINDOW_MS;
  warmUpValidators(['MessageCreateRequest', 'MessageEditRequestPartial']);
  const emulator = await startEmulator({ waitTimeoutMs: 60_000 });
  const guild = emulator.createGuild({ name: 'Study hall', botPermissions: BOT_PERMISSIONS });
  const channelId = emulator.createTextChannel(guild.id, { name: 'session' }).id;
  const players = Array.from({ length: members }, (_, i) => {
    const user = emulator.createUser({ username: `player${i}` });
    emulator.addMember(guild.id, user.id);
    return user.id;
  });
  // The smoke run jumps the clock over the first question's time instead of waiting for it.
  let offsetMs = 0;
  const now = () => new Date(Date.now() + offsetMs);
  const dir = mkdtempSync(join(tmpdir(), 'ai300-session-'));
  const content = loadCheckedContent();
  const bot = await startBot({
    token: emulator.token,
    apiUrl: emulator.apiUrl,
    storeUrl: `sqlite://${join(dir, 'store.sqlite')}`,
    content,
    logger: silentLogger,
    now,
    random: seededRandom(11),
    startScheduler: false,
    ...(size === 'smoke' && { sessions: { pauseMs: 300 } }),
  });
  const random = seededRandom(3);
  const dispatchedAt = new Map<string, number>();
  const responseMs: number[] = [];
  const respondedAt = new Map<string, number>();
  let rateLimited = 0;
  emulator.on('interactionResponse', (response) => {
    const sent = dispatchedAt.get(response.interactionId);
    if (sent === undefined || respondedAt.has(response.interactionId)) return;
    respondedAt.set(response.interactionId, Date.now());
    responseMs.push(performance.now() - sent);
  });
  const channelWrites = { posts: 0, edits: 0 };
  emulator.on('request', (entry) => {
    if (entry.status === 429) rateLimited++;
    if (!entry.path.includes(`/channels/${channelId}/messages`)) return;
    if (entry.method === 'POST') channelWrites.posts++;
    if (entry.method === 'PATCH') channelWrites.edits++;
  });
  const revealedAt = new Map<string, number>();
  emulator.on('messageUpdate', (message: APIMessage) => {
    if (message.channel_id === channelId && (message.embeds[0]?.title ?? '').includes('(closed)') && !revealedAt.has(message.id))
      revealedAt.set(message.id, Date.now());
  });
  const question = (n: number) => emulator.waitForMessage((m) => m.channel_id === channelId && (m.embeds[0]?.title ?? '').includes(`Session · question ${n}/`));

  try {
    emulator.clearViolations();
    await emulator
      .slash({ userId: players[0]!, channelId, command: 'ai300', subcommand: 'session', options: { questions: QUESTIONS, seconds: SECONDS } })
      .waitForReply();
    const runs: QuestionRun[] = [];
    const expected = new Map<string, number>();
    for (let n = 1; n <= QUESTIONS; n++) {
      const message = await question(n);
      const session = (await bot.ctx.sessions.store.get(guild.id, channelId))!;
      const answer = content.questionById.get(session.questionIds[n - 1]!)!.answer;
      const ids: string[] = [];
      await Promise.all(
        players.map(
          (userId) =>
            new Promise<void>((resolve) =>
              setTimeout(() => {
                const letter = random() < 0.7 ? answer : (['A', 'B', 'C', 'D'] as const).find((l) => l !== answer)!;
                const started = performance.now();
                const handle = emulator.click({ userId, messageId: message.id, customId: `sa:1:${session.sessionId}:${n - 1}:${letter}` });
                dispatchedAt.set(handle.id, started);
                ids.push(handle.id);
                expected.set(userId, (expected.get(userId) ?? 0) + 1);
                resolve();
              }, random() * answerWindowMs),
            ),
        ),
      );
      await until(() => ids.every((id) => respondedAt.has(id)), 10_000);
      // The first question has no earlier answerers, so it runs its full time; the others close
      // as soon as every member who answered the one before has answered.
      const early = n > 1;
      if (!early && size === 'smoke') offsetMs += Math.max(0, session.deadline! - now().getTime());
      await until(() => revealedAt.has(message.id), SECONDS * 1000 + 10_000);
      const endedAt = early ? Math.max(...ids.map((id) => respondedAt.get(id)!)) : session.deadline! - offsetMs;
      runs.push({ endedAt, revealedAt: revealedAt.get(message.id)!, early });
    }
    await emulator.waitForMessage((m) => m.channel_id === channelId && (m.embeds[0]?.title ?? '').includes('Session over'));
    await bot.sessions.sweep();

    // Counted exactly once: in the round's answers, its scores, and each member's own stats.
    const session = (await bot.ctx.sessions.store.get(guild.id, channelId))!;
    let miscounted = 0;
    for (const userId of players) {
      const summary = await bot.ctx.store.getSummary(guild.id, userId, now());
      const recorded = Object.values(summary.all).reduce((sum, t) => sum + (t?.n ?? 0), 0);
      if (recorded !== QUESTIONS || session.scores[userId]?.answered !== QUESTIONS || expected.get(userId) !== QUESTIONS) miscounted++;
    }
    for (const result of session.results) if (result.answered !== members || !result.settled) miscounted++;
    const lateness = runs.map((r) => Math.max(0, r.revealedAt - r.endedAt));
    const late = summarize(lateness);
    const response = summarize(responseMs);
    const violations = emulator.violations;
    const scenario = 'study session';
    const load = `${members} members answer each of ${QUESTIONS} questions (${SECONDS} s each) at random within ${answerWindowMs / 1000} s; bot, emulator and load in one process; SQLite store`;
    return [
      {
        scenario,
        metric: `answers not counted exactly once (of ${members * QUESTIONS})`,
        value: miscounted,
        unit: '',
        target: '0',
        met: miscounted === 0,
        note: "checked in each question's result, the round's scores and every member's own stats",
      },
      {
        scenario,
        metric: 'initial response to an answer p99',
        value: round(response.p99),
        unit: 'ms',
        target: '< 3000 ms',
        met: response.max < 3000 && response.count === members * QUESTIONS,
        note: `${load}; p50 ${round(response.p50)} ms, max ${round(response.max)} ms, ${response.count} responses`,
      },
      {
        scenario,
        metric: 'reveal after the question ends p99',
        value: round(late.p99),
        unit: 'ms',
        target: '<= 1000 ms',
        met: late.max <= 1000,
        note: `per question: ${lateness.map((ms, i) => `${i + 1}${runs[i]!.early ? ' (everyone in)' : ' (time up)'} ${round(ms, 0)} ms`).join(', ')}`,
      },
      {
        scenario,
        metric: '429 responses and emulator violations',
        value: rateLimited + violations.length,
        unit: '',
        target: '0',
        met: rateLimited === 0 && violations.length === 0,
        note: `the channel took ${channelWrites.posts} posts and ${channelWrites.edits} edits (reveals and batched live counts)${violations.length > 0 ? `; first violation: ${violations[0]!.method} ${violations[0]!.route} ${violations[0]!.status}` : ''}`,
      },
    ];
  } finally {
    await bot.stop();
    await emulator.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function until(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!condition()) {
    if (performance.now() > deadline) throw new Error('timed out waiting in the session benchmark');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
