// Interaction latency under an open-loop load: the time from the emulator dispatching
// INTERACTION_CREATE to the bot's initial response arriving at the emulator, for the study bot
// and for a bare discord.js bot (the floor) on the same emulator setup, same load, same run.
// Each bot runs in a child process (latencyBot.ts); BENCH_CPU_PROF=<dir> in the environment makes
// it write a .cpuprofile, e.g. BENCH_CPU_PROF=/tmp/prof npx tsx scripts/bench.ts --only=latency
import { mkdtempSync, rmSync } from 'node:fs';
import { PerformanceObserver } from 'node:perf_hooks';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { APIMessage } from 'discord-api-types/v10';
import { seededRandom, type Random } from '../../src/domain/random.ts';
import { startEmulator, UserActionError, warmUpValidators, type DiscordEmulator } from '@ai300/discord-emulator';
import { BOT_PERMISSIONS } from '../../test/helpers/studyWorld.ts';
import { nodeFlags, spawnBenchChild } from './child.ts';
import { profileThisProcess } from './profile.ts';
import { type Figure, type Size, round, summarize } from './measure.ts';

type Kind = 'click' | 'quiz' | 'stats' | 'leaderboard' | 'cheatsheet' | 'chart';
/** The load mix: answer clicks (or "Next question" once answered) 60%, new quizzes 20%, lookups 20%. */
const MIX: [Kind, number][] = [
  ['click', 0.6],
  ['quiz', 0.2],
  ['stats', 0.1],
  ['leaderboard', 0.05],
  ['cheatsheet', 0.05],
];

export interface LoadShape {
  guilds: number;
  usersPerGuild: number;
  rate: number;
  durationMs: number;
  /** How long to wait for every user to have a question before the run. */
  warmupTimeoutMs: number;
  /** How long the same mix runs, unmeasured, before the measured run. */
  mixedWarmupMs: number;
  /** How long to wait, after the run, for deferred replies to become visible. */
  drainTimeoutMs: number;
}

export const SHAPES: Record<Size, LoadShape> = {
  full: { guilds: 20, usersPerGuild: 100, rate: 200, durationMs: 30_000, warmupTimeoutMs: 120_000, mixedWarmupMs: 5_000, drainTimeoutMs: 150_000 },
  smoke: { guilds: 2, usersPerGuild: 10, rate: 20, durationMs: 1_000, warmupTimeoutMs: 20_000, mixedWarmupMs: 500, drainTimeoutMs: 20_000 },
};

interface UserState {
  id: string;
  channelId: string;
  /** The latest message of this user's that carries answer or "Next question" buttons. */
  messageId?: string;
  answers: string[];
  next?: string;
  /** Clicked, and that message has not been updated since. */
  pending: boolean;
  /** Index in the ready list, or -1. */
  readyAt: number;
}

interface Sample {
  kind: Kind | 'warmup';
  /** performance.now() at INTERACTION_CREATE, at the initial callback, at the reply being visible. */
  created: number;
  callback: number;
  visible: number;
}

/** Extra load of `/ai300 stats` that each renders a chart, from readers with enough answers for one. */
export interface ChartLoad {
  perSecond: number;
  readers: { id: string; channelId: string }[];
}

/** What the bot process measured of itself over one run (latencyBot.ts). */
interface BotReport {
  /** Resident set size at the report, and its highest sample during the run (MB). */
  rssMb: number;
  peakRssMb: number;
  /** From discord.js emitting each interaction to its callback request starting. */
  work: number[];
  gcPauses: number[];
  gcMsByKind: Record<string, number>;
  /** CPU time this process used from the run's start to the report (user + system). */
  cpuMs: number;
}

/** One measured run of one bot, raw, as the emulator and the bot saw it. */
interface RunRecord {
  inBot: BotReport;
  samples: Sample[];
  elapsedMs: number;
  byKind: Record<string, number>;
  repeatClicks: number;
  violations: string[];
  rateLimited: number;
  botAuthRequests: number;
  generatorErrors: number;
  lagMs: number;
  /** CPU time of the emulator and load generator's process during the run. */
  emulatorCpuMs: number;
  /** GC pauses of that process: they delay the timestamps of whatever is in flight. */
  emulatorGcPauses: number[];
  /** Warm-up questions asked again because the first got no reply. */
  warmupRetries: number;
  /** Replies to the chart load that carried the chart. */
  chartsDelivered: number;
}

/** Every run of one bot, pooled. */
interface PhaseResult {
  runs: number;
  work: ReturnType<typeof summarize>;
  gc: { pauses: number; totalMs: number; maxMs: number; msByKind: Record<string, number> };
  cpuMs: number;
  latency: ReturnType<typeof summarize>;
  /** The initial response of everything but the chart load: what other users wait. */
  others: ReturnType<typeof summarize>;
  /** p99 of the initial response per kind of interaction. */
  p99ByKind: Record<string, number>;
  visible: ReturnType<typeof summarize>;
  sent: number;
  perSecond: number;
  byKind: Record<string, number>;
  repeatClicks: number;
  unanswered: number;
  notVisible: number;
  violations: number;
  violationText: string;
  rateLimited: number;
  botAuthRequests: number;
  generatorErrors: number;
  lagMs: number;
  emulatorCpuMs: number;
  emulatorGc: { pauses: number; totalMs: number; maxMs: number };
  warmupRetries: number;
  chartsDelivered: number;
  peakRssMb: number;
}

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
const gcSummary = (pauses: number[]) => ({ pauses: pauses.length, totalMs: sum(pauses), maxMs: Math.max(0, ...pauses) });

/** Pools the runs of one bot: percentiles over every sample, counts and CPU time added up. */
export function pool(runs: RunRecord[]): PhaseResult {
  const samples = runs.flatMap((run) => run.samples);
  const answered = samples.filter((s) => !Number.isNaN(s.callback));
  const shown = samples.filter((s) => !Number.isNaN(s.visible));
  const msByKind: Record<string, number> = {};
  const byKind: Record<string, number> = {};
  for (const run of runs) {
    for (const [kind, ms] of Object.entries(run.inBot.gcMsByKind)) msByKind[kind] = (msByKind[kind] ?? 0) + ms;
    for (const [kind, n] of Object.entries(run.byKind)) byKind[kind] = (byKind[kind] ?? 0) + n;
  }
  const violations = runs.flatMap((run) => run.violations);
  return {
    runs: runs.length,
    work: summarize(runs.flatMap((run) => run.inBot.work)),
    gc: { ...gcSummary(runs.flatMap((run) => run.inBot.gcPauses)), msByKind },
    cpuMs: sum(runs.map((run) => run.inBot.cpuMs)),
    latency: summarize(answered.map((s) => s.callback - s.created)),
    others: summarize(answered.filter((s) => s.kind !== 'chart').map((s) => s.callback - s.created)),
    p99ByKind: Object.fromEntries(
      [...MIX.map(([kind]) => kind), 'chart' as const].map((kind) => [
        kind,
        summarize(answered.filter((s) => s.kind === kind).map((s) => s.callback - s.created)).p99,
      ]),
    ),
    visible: summarize(shown.map((s) => s.visible - s.created)),
    sent: samples.length,
    perSecond: sum(runs.map((run) => run.samples.length - 1)) / (sum(runs.map((run) => run.elapsedMs)) / 1000),
    byKind,
    repeatClicks: sum(runs.map((run) => run.repeatClicks)),
    unanswered: samples.length - answered.length,
    notVisible: samples.length - shown.length,
    violations: violations.length,
    violationText: violations.slice(0, 3).join('; '),
    rateLimited: sum(runs.map((run) => run.rateLimited)),
    botAuthRequests: sum(runs.map((run) => run.botAuthRequests)),
    generatorErrors: sum(runs.map((run) => run.generatorErrors)),
    lagMs: Math.max(...runs.map((run) => run.lagMs)),
    emulatorCpuMs: sum(runs.map((run) => run.emulatorCpuMs)),
    emulatorGc: gcSummary(runs.flatMap((run) => run.emulatorGcPauses)),
    warmupRetries: sum(runs.map((run) => run.warmupRetries)),
    chartsDelivered: sum(runs.map((run) => run.chartsDelivered)),
    peakRssMb: Math.max(...runs.map((run) => run.inBot.peakRssMb)),
  };
}

/** The study world: `guilds` servers, each with one study channel and `usersPerGuild` members. */
function buildWorld(emulator: DiscordEmulator, shape: LoadShape): UserState[] {
  const users: UserState[] = [];
  for (let g = 0; g < shape.guilds; g++) {
    const guild = emulator.createGuild({ name: `Study group ${g}`, botPermissions: BOT_PERMISSIONS });
    const channelId = emulator.createTextChannel(guild.id, { name: 'study' }).id;
    for (let u = 0; u < shape.usersPerGuild; u++) {
      const id = emulator.createUser({ username: `learner${g}x${u}` }).id;
      emulator.addMember(guild.id, id);
      users.push({ id, channelId, answers: [], pending: false, readyAt: -1 });
    }
  }
  return users;
}

/** Fires `count` actions at `rate` per second on a timer, never waiting for responses. */
function openLoop(rate: number, count: number, fire: (i: number) => void): Promise<{ elapsedMs: number; lagMs: number }> {
  return new Promise((resolve) => {
    const start = performance.now();
    let sent = 0;
    let lagMs = 0;
    const tick = () => {
      const now = performance.now();
      const due = Math.min(count, Math.floor(((now - start) * rate) / 1000) + 1);
      if (due > sent) lagMs = Math.max(lagMs, now - (start + (sent * 1000) / rate));
      while (sent < due) fire(sent++);
      if (sent >= count) {
        resolve({ elapsedMs: performance.now() - start, lagMs });
        return;
      }
      setTimeout(tick, Math.max(0, start + (sent * 1000) / rate - performance.now()));
    };
    tick();
  });
}

async function until(check: () => boolean, timeoutMs: number, stepMs = 50): Promise<boolean> {
  const deadline = performance.now() + timeoutMs;
  while (!check()) {
    if (performance.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, stepMs));
  }
  return true;
}

let profiledRuns = 0;

/**
 * One phase (the study bot or the floor) on a fresh emulator. With `charts`, a server of chart
 * readers is added, their answers are written to the store before the bot starts, and the
 * measured run adds `perSecond` of their `/ai300 stats` (each rendering a chart) to the mix.
 */
export async function runPhase(
  which: 'bot' | 'floor',
  shape: LoadShape,
  charts?: { perSecond: number; prepare: (emulator: DiscordEmulator, storeUrl: string) => Promise<ChartLoad['readers']> },
): Promise<RunRecord> {
  warmUpValidators([
    'ApplicationCommandUpdateRequest',
    'CreateMessageInteractionCallbackRequest',
    'UpdateMessageInteractionCallbackRequest',
    'IncomingWebhookRequestPartial',
    'IncomingWebhookUpdateRequestPartial',
  ]);
  const emulator = await startEmulator({ waitTimeoutMs: 30_000 });
  const users = buildWorld(emulator, shape);
  const dir = mkdtempSync(join(tmpdir(), 'ai300-latency-'));
  // The bot under test runs in its own process, as it would against Discord. BENCH_LATENCY_STORE_URL
  // (e.g. memory:) swaps its store, to tell the store's share of the latency from the rest.
  const storeUrl = process.env.BENCH_LATENCY_STORE_URL ?? `sqlite://${join(dir, 'store.sqlite')}`;
  const chartLoad = charts && { perSecond: charts.perSecond, readers: await charts.prepare(emulator, storeUrl) };
  const bot = spawnBenchChild('./latencyBot.ts', { BENCH_KIND: which, BENCH_TOKEN: emulator.token, BENCH_API_URL: emulator.apiUrl, BENCH_STORE_URL: storeUrl });
  try {
    await bot.next('ready', 120_000);
    const result = await drive(emulator, users, shape, (line) => bot.send(line), which, chartLoad);
    bot.send('report');
    return { ...result, inBot: await bot.next<BotReport>('report', 10_000) };
  } finally {
    await bot.stop();
    await emulator.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Warm-up, the measured open-loop run and the drain, as seen from the emulator. */
async function drive(
  emulator: DiscordEmulator,
  users: UserState[],
  shape: LoadShape,
  tellBot: (line: 'measure') => void,
  which: string,
  charts?: ChartLoad,
): Promise<Omit<RunRecord, 'inBot'>> {
  const byId = new Map(users.map((u) => [u.id, u]));

  // ---- what the simulated users see -------------------------------------------------------
  const ready: UserState[] = [];
  const markReady = (user: UserState) => {
    if (user.readyAt !== -1 || user.pending || !user.messageId) return;
    user.readyAt = ready.length;
    ready.push(user);
  };
  const unready = (user: UserState) => {
    if (user.readyAt === -1) return;
    const last = ready.pop()!;
    if (last !== user) {
      ready[user.readyAt] = last;
      last.readyAt = user.readyAt;
    }
    user.readyAt = -1;
  };
  const onMessage = (message: APIMessage) => {
    const owner = message.interaction_metadata?.user.id;
    const user = owner ? byId.get(owner) : undefined;
    if (!user || !message.components?.length) return;
    const answers: string[] = [];
    let next: string | undefined;
    for (const row of message.components) {
      for (const c of (row as { components?: { type: number; label?: string; custom_id?: string; disabled?: boolean }[] }).components ?? []) {
        if (c.type !== 2 || !c.custom_id || c.disabled) continue;
        if (/^[ABCD]$/.test(c.label ?? '')) answers.push(c.custom_id);
        else if (/^Next/.test(c.label ?? '')) next = c.custom_id;
      }
    }
    if (answers.length === 0 && !next) return;
    unready(user);
    user.messageId = message.id;
    user.answers = answers;
    user.next = next;
    user.pending = false;
    markReady(user);
  };
  emulator.on('messageCreate', onMessage);
  emulator.on('messageUpdate', onMessage);
  // ---- timing, from the emulator's side ----------------------------------------------------
  let measuring = false;
  const samples = new Map<string, Sample>();

  // A chart arrives with the reply, or with the edit of a deferred one: counted once per message,
  // and only for the measured run's chart load (the warm-up's charts are not counted).
  const charted = new Set<string>();
  const noteChart = (message: APIMessage) => {
    const interactionId = message.interaction_metadata?.id;
    const sample = interactionId ? samples.get(interactionId) : undefined;
    if (sample?.kind === 'chart' && message.attachments.some((a) => a.filename === 'stats.png')) charted.add(message.id);
  };
  emulator.on('messageCreate', noteChart);
  emulator.on('messageUpdate', noteChart);

  // The sample of the interaction dispatched by the latest user action (set synchronously).
  const last: { sample?: Sample } = {};
  emulator.on('interactionCreate', (payload) => {
    const current: Sample = { kind: 'warmup', created: performance.now(), callback: NaN, visible: NaN };
    last.sample = current;
    if (measuring) samples.set(String(payload.id), current);
  });
  const dispatchedSample = (): Sample | undefined => last.sample;
  emulator.on('interactionResponse', (response) => {
    const sample = samples.get(response.interactionId);
    if (!sample) return;
    sample.callback = performance.now();
    // Replies (4) and updates (7) are visible at once; deferrals when the edit or follow-up lands.
    if (response.type === 4 || response.type === 7) sample.visible = sample.callback;
  });
  let rateLimited = 0;
  let botAuthRequests = 0;
  emulator.on('request', (entry) => {
    if (entry.status === 429) rateLimited++;
    const webhook = /\/webhooks\/\d+\/emu\.(\d+)\./.exec(entry.path);
    if (webhook) {
      const sample = samples.get(webhook[1]!);
      if (sample && Number.isNaN(sample.visible) && entry.status < 300) sample.visible = performance.now();
    } else if (!entry.path.includes('/interactions/')) {
      botAuthRequests++;
    }
  });

  // ---- the load ------------------------------------------------------------------------------
  // Two streams: what to do and who does it is the same for the bot and the floor; which
  // message and button a click picks depends on what each has answered so far.
  const random: Random = seededRandom(300);
  const clickRandom: Random = seededRandom(301);
  const warmupRandom: Random = seededRandom(302);
  let generatorErrors = 0;
  let repeatClicks = 0;
  const byKind: Record<string, number> = {};
  const act = (kind: Kind | 'warmup', user: Pick<UserState, 'id' | 'channelId'>) => {
    const command = kind === 'warmup' ? 'quiz' : kind === 'chart' ? 'stats' : kind;
    last.sample = undefined;
    let repeat = false;
    try {
      if (kind === 'click') {
        let target = ready.length > 0 ? ready[Math.floor(clickRandom() * ready.length)]! : undefined;
        if (!target) {
          // Nobody has a fresh reply to click: a user clicks their last message again.
          repeat = true;
          for (let tries = 0; tries < 100 && !target?.messageId; tries++) target = users[Math.floor(clickRandom() * users.length)];
          if (!target?.messageId) throw new UserActionError('no message to click');
        }
        const customId = target.answers.length > 0 ? target.answers[Math.floor(clickRandom() * target.answers.length)]! : target.next!;
        unready(target);
        target.pending = true;
        emulator.click({ userId: target.id, messageId: target.messageId!, customId });
      } else {
        emulator.slash({ userId: user.id, channelId: user.channelId, command: 'ai300', subcommand: command });
      }
    } catch (error) {
      if (!(error instanceof UserActionError)) throw error;
      generatorErrors++;
      return;
    }
    if (!measuring) return;
    byKind[kind] = (byKind[kind] ?? 0) + 1;
    const sample = dispatchedSample();
    if (sample) sample.kind = kind;
    if (repeat) repeatClicks++;
  };
  const pickKind = (from: Random): Kind => {
    let r = from();
    for (const [kind, share] of MIX) {
      if (r < share) return kind;
      r -= share;
    }
    return 'cheatsheet';
  };

  // Warm-up: every user gets a question to click, then the measured mix runs unmeasured for a few
  // seconds (from its own random stream), so each kind's first use (compiling its code, a server's
  // first leaderboard load) is behind it as it would be in a bot that has been up for a while.
  await openLoop(shape.rate, users.length, (i) => act('warmup', users[i]!));
  // A user whose question never came (its interaction failed) asks again, up to twice; how many
  // had to is reported, so a bot that drops interactions at start-up still shows.
  let warmupRetries = 0;
  for (let round = 0; ; round++) {
    const warmed = await until(() => ready.length === users.length, round === 0 ? shape.warmupTimeoutMs : shape.warmupTimeoutMs / 4);
    if (warmed) break;
    const waiting = users.filter((user) => user.readyAt === -1 && !user.messageId);
    if (round === 2 || waiting.length === 0) throw new Error(`latency warm-up: only ${ready.length} of ${users.length} users got a question`);
    warmupRetries += waiting.length;
    await openLoop(shape.rate, waiting.length, (i) => act('warmup', waiting[i]!));
  }
  // The mix, unmeasured, with the chart load when there is one: the first chart's costs (the first
  // renderer's start, code paths run once) are paid once per bot process, not per run.
  const mixedWarmup = Math.round((shape.rate * shape.mixedWarmupMs) / 1000);
  const warmupCharts = charts ? Math.round((charts.perSecond * shape.mixedWarmupMs) / 1000) : 0;
  await Promise.all([
    openLoop(shape.rate, mixedWarmup, () => act(pickKind(warmupRandom), users[Math.floor(warmupRandom() * users.length)]!)),
    warmupCharts > 0 ? openLoop(charts!.perSecond, warmupCharts, (i) => act('chart', charts!.readers[i % charts!.readers.length]!)) : undefined,
  ]);
  await new Promise((resolve) => setTimeout(resolve, 500));
  emulator.clearViolations();

  // The measured run.
  measuring = true;
  tellBot('measure');
  const cpuAtStart = process.cpuUsage();
  const emulatorPauses: number[] = [];
  const gcObserver = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) emulatorPauses.push(entry.duration);
  });
  gcObserver.observe({ entryTypes: ['gc'] });
  const profile = await profileThisProcess();
  const count = Math.round((shape.rate * shape.durationMs) / 1000);
  const chartCount = charts ? Math.round((charts.perSecond * shape.durationMs) / 1000) : 0;
  const [run] = await Promise.all([
    openLoop(shape.rate, count, () => act(pickKind(random), users[Math.floor(random() * users.length)]!)),
    chartCount > 0 ? openLoop(charts!.perSecond, chartCount, (i) => act('chart', charts!.readers[i % charts!.readers.length]!)) : undefined,
  ]);
  await profile?.save(`emulator-beside-${which}-${++profiledRuns}`);
  measuring = false;
  gcObserver.disconnect();
  const cpu = process.cpuUsage(cpuAtStart);
  const all = [...samples.values()];
  // Past the 3 s deadline every interaction is answered or reported; then let deferred replies land.
  await until(() => all.every((s) => !Number.isNaN(s.callback)), emulator.settings.interactionDeadlineMs + 500);
  await new Promise((resolve) => setTimeout(resolve, 200));
  await until(() => all.every((s) => !Number.isNaN(s.visible)), shape.drainTimeoutMs, 200);
  return {
    samples: all,
    elapsedMs: run.elapsedMs,
    byKind,
    repeatClicks,
    violations: emulator.violations.map((v) => `${v.method} ${v.route} ${v.status}`),
    rateLimited,
    botAuthRequests,
    generatorErrors,
    lagMs: run.lagMs,
    emulatorCpuMs: (cpu.user + cpu.system) / 1000,
    emulatorGcPauses: emulatorPauses,
    warmupRetries,
    chartsDelivered: charted.size,
  };
}

/**
 * The order of the runs. The full size runs each bot twice, floor-bot-bot-floor, so a change in
 * the shared machine's load over the minutes of the scenario weighs on both alike instead of
 * on whichever ran second; each bot's samples are pooled.
 */
const ORDER: Record<Size, ('bot' | 'floor')[]> = { full: ['floor', 'bot', 'bot', 'floor'], smoke: ['floor', 'bot'] };

export async function interactionLatency(size: Size): Promise<Figure[]> {
  const shape = SHAPES[size];
  const runs: Record<'bot' | 'floor', RunRecord[]> = { bot: [], floor: [] };
  for (const which of ORDER[size]) runs[which].push(await runPhase(which, shape));
  const floor = pool(runs.floor);
  const ours = pool(runs.bot);
  const scenario = 'interaction latency';
  const limit = 1.5 * floor.latency.p99 + 2;
  const byKind = (r: PhaseResult) =>
    Object.entries(r.p99ByKind)
      .filter(([, v]) => Number.isFinite(v))
      .map(([k, v]) => `${k} ${round(v)} ms`)
      .join(', ');
  const gcKinds = (r: PhaseResult) =>
    Object.entries(r.gc.msByKind)
      .map(([kind, ms]) => `${kind} ${round(ms, 0)} ms`)
      .join(', ');
  const mix = (r: PhaseResult) =>
    Object.entries(r.byKind)
      .map(([k, n]) => `${k} ${n}`)
      .join(', ');
  const load = `${shape.rate}/s open loop for ${shape.durationMs / 1000} s, ${shape.guilds * shape.usersPerGuild} users in ${shape.guilds} servers; ${ours.runs} such runs per bot in the order ${ORDER[size].join(', ')}, each on a fresh emulator and bot process, samples pooled; before each, a warm-up gives every user a question and runs the mix unmeasured for ${shape.mixedWarmupMs / 1000} s; both bots run with the Node flags npm start uses (${nodeFlags().join(' ') || 'none'})`;
  const pct = (name: 'p50' | 'p95' | 'p99' | 'max'): Figure => ({
    scenario,
    metric: `initial response ${name} (dispatch → callback at the emulator)`,
    value: round(ours.latency[name]),
    unit: 'ms',
    floor: round(floor.latency[name]),
    ratio: round(ours.latency[name] / floor.latency[name]),
    ...(name === 'p99' && {
      target: `<= 1.5 × floor p99 + 2 ms (${round(limit)} ms)`,
      met: ours.latency.p99 <= limit,
      note: `${load}. p99 by kind: bot ${byKind(ours)}; floor ${byKind(floor)}. Each bot runs in its own process (npx tsx scripts/bench/latencyBot.ts), so the emulator and the load share no event loop with it. Floor: a bare discord.js client answering every command with reply('ok') (quiz replies carry four fixed buttons so the load can click them) and every button with update('ok'). Emulator rate limits at their defaults: interaction callbacks are exempt from the global limit and interaction webhooks are limited per interaction token only, so the emulator throttled nothing (429s: bot ${ours.rateLimited}, floor ${floor.rateLimited}).`,
    }),
  });
  return [
    pct('p50'),
    pct('p95'),
    pct('p99'),
    pct('max'),
    {
      scenario,
      metric: 'work in the bot process p99 (interaction event → callback request)',
      value: round(ours.work.p99),
      unit: 'ms',
      floor: round(floor.work.p99),
      ratio: round(ours.work.p99 / floor.work.p99),
      note: `measured inside each bot process; p50 bot ${round(ours.work.p50)} ms, floor ${round(floor.work.p50)} ms. The rest of the initial-response time is the gateway, the HTTP request and the emulator, and waiting for each process's event loop. Garbage-collector pauses during the runs: bot ${ours.gc.pauses} (${round(ours.gc.totalMs, 0)} ms in all, longest ${round(ours.gc.maxMs, 1)} ms; ${gcKinds(ours)}), floor ${floor.gc.pauses} (${round(floor.gc.totalMs, 0)} ms, longest ${round(floor.gc.maxMs, 1)} ms; ${gcKinds(floor)}). CPU time used during the runs: bot process ${round(ours.cpuMs / 1000, 1)} s, floor ${round(floor.cpuMs / 1000, 1)} s; the emulator and load generator's process ${round(ours.emulatorCpuMs / 1000, 1)} s beside the bot, ${round(floor.emulatorCpuMs / 1000, 1)} s beside the floor, with GC pauses of ${round(ours.emulatorGc.totalMs, 0)} ms (${ours.emulatorGc.pauses}, longest ${round(ours.emulatorGc.maxMs, 1)} ms) beside the bot and ${round(floor.emulatorGc.totalMs, 0)} ms (${floor.emulatorGc.pauses}, longest ${round(floor.emulatorGc.maxMs, 1)} ms) beside the floor.`,
    },
    {
      scenario,
      metric: 'interactions sent in the measured runs',
      value: ours.sent,
      unit: '',
      floor: floor.sent,
      note: `requests under the bot token (globally limited) during the runs: bot ${ours.botAuthRequests}, floor ${floor.botAuthRequests}. Bot ${round(ours.perSecond, 1)}/s (${mix(ours)}; ${ours.repeatClicks} clicks repeated on a message whose previous reply had not landed yet; timer lag max ${round(ours.lagMs)} ms); floor ${round(floor.perSecond, 1)}/s (${mix(floor)}; ${floor.repeatClicks} repeated)`,
    },
    {
      scenario,
      metric: 'interactions without an initial response',
      value: ours.unanswered + floor.unanswered,
      unit: '',
      target: '0',
      met: ours.unanswered + floor.unanswered === 0,
      note: `bot ${ours.unanswered}, floor ${floor.unanswered}; load-generator errors: bot ${ours.generatorErrors}, floor ${floor.generatorErrors}; warm-up questions asked again after no reply: bot ${ours.warmupRetries}, floor ${floor.warmupRetries}`,
    },
    {
      scenario,
      metric: 'emulator violations during the run',
      value: ours.violations + floor.violations,
      unit: '',
      target: '0',
      met: ours.violations + floor.violations === 0,
      ...(ours.violations + floor.violations > 0 && {
        note: `bot ${ours.violations} (${ours.violationText}), floor ${floor.violations} (${floor.violationText})`,
      }),
    },
    {
      scenario,
      metric: 'reply visible p50 (dispatch → final reply at the emulator)',
      value: round(ours.visible.p50),
      unit: 'ms',
      floor: round(floor.visible.p50),
      ratio: round(ours.visible.p50 / floor.visible.p50),
    },
    {
      scenario,
      metric: 'reply visible p99 (dispatch → final reply at the emulator)',
      value: round(ours.visible.p99),
      unit: 'ms',
      floor: round(floor.visible.p99),
      ratio: round(ours.visible.p99 / floor.visible.p99),
      note: `no target set; ${ours.notVisible} bot replies still not visible ${shape.drainTimeoutMs / 1000} s after the run. Deferred replies are finished with interaction-webhook edits, which discord.js counts against its own 50 req/s global limit (the emulator does not limit them globally).`,
    },
  ];
}
