// Memory and start-up: the bot runs in a fresh child process (footprintBot.ts) against an
// emulator in this process, on a store holding a 10,000-member server; the child reports its own
// RSS after start-up and after that server's leaderboard was served through Discord.
import type { APIMessage } from 'discord-api-types/v10';
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { DOMAIN_IDS } from '../../src/content/ids.ts';
import { addAnswer, type DomainTallies } from '../../src/domain/mastery.ts';
import { seededRandom } from '../../src/domain/random.ts';
import { startEmulator, warmUpValidators } from '@ai300/discord-emulator';
import { BOT_PERMISSIONS } from '../../test/helpers/studyWorld.ts';
import { CHARTS_PER_RENDERER, RENDERER_IDLE_MS } from '../../src/render/charts/index.ts';
import { openKeyValue } from '../../src/store/kv.ts';
import { emptyLearner, type MasterySummary } from '../../src/store/records.ts';
import { currentSummary } from '../../src/store/studyStore.ts';
import { buildCompiled, spawnBenchChild } from './child.ts';
import { EARLY_MS, type Figure, SETTLED_MS, type Size, round } from './measure.ts';

const ALL_SCHEMAS: Parameters<typeof warmUpValidators>[0] = [
  'ApplicationCommandCreateRequest',
  'ApplicationCommandUpdateRequest',
  'ApplicationCommandPatchRequestPartial',
  'CreateMessageInteractionCallbackRequest',
  'UpdateMessageInteractionCallbackRequest',
  'ApplicationCommandAutocompleteCallbackRequest',
  'ModalInteractionCallbackRequest',
  'IncomingWebhookRequestPartial',
  'IncomingWebhookUpdateRequestPartial',
  'MessageCreateRequest',
  'MessageEditRequestPartial',
];

interface ChildMemory {
  rssMb: number;
  heapUsedMb: number;
  externalMb: number;
  peakRssMb?: number;
}
interface ReadyReport extends ChildMemory {
  event: 'ready';
  early: ChildMemory;
  totalMs: number;
  gatewayMs: number;
  beforeLoginMs: number;
  afterReadyMs: number;
  contentMs: number;
  uptimeMs: number;
}

/** A server's learners as storeScale.ts writes them: a mastery summary and a learner record each. */
async function populate(storeUrl: string, guildId: string, members: number, viewer: string): Promise<void> {
  const kv = await openKeyValue(storeUrl);
  const random = seededRandom(17);
  const now = new Date();
  const writes: Promise<void>[] = [];
  for (let m = 0; m <= members; m++) {
    // The last one is the viewer, whose /ai300 stats then draws a chart with a month of readiness.
    const user = m === members ? viewer : String(200000000000000000n + BigInt(m));
    const tallies: DomainTallies = {};
    for (const domain of DOMAIN_IDS) for (let i = 0; i < 3 + Math.floor(random() * 20); i++) tallies[domain] = addAnswer(tallies[domain], random() < 0.6);
    const base = currentSummary(undefined, now);
    const summary: MasterySummary = {
      ...base,
      all: tallies,
      week: { key: base.week.key, tallies },
      month: { key: base.month.key, tallies },
      updatedAt: now.getTime(),
    };
    const readiness =
      user === viewer
        ? Array.from({ length: 30 }, (_, day) => ({
            day: new Date(now.getTime() - (29 - day) * 86_400_000).toISOString().slice(0, 10),
            value: 0.4 + day / 100,
          }))
        : undefined;
    const learner = { ...emptyLearner(), tagMisses: { lifecycle: 3, quality: 1 }, ...(readiness && { readiness }) };
    writes.push(kv.set(`g:${guildId}:s:${user}`, summary), kv.set(`g:${guildId}:u:${user}`, learner));
  }
  await Promise.all(writes);
  await kv.close();
}

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** RSS of a process and all its descendants (Linux /proc), per process, in MB. */
function treeRss(rootPid: number): { pid: number; command: string; rssMb: number }[] {
  const parents = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      parents.set(Number(entry), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // The process ended while we looked.
    }
  }
  const inTree = new Set([rootPid]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const [pid, parent] of parents) {
      if (inTree.has(parent) && !inTree.has(pid)) {
        inTree.add(pid);
        grew = true;
      }
    }
  }
  return [...inTree].flatMap((pid) => {
    try {
      const status = readFileSync(`/proc/${pid}/status`, 'utf8');
      const kb = Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0);
      const command = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean).slice(0, 3).join(' ');
      return [{ pid, command, rssMb: kb / 1024 }];
    } catch {
      return [];
    }
  });
}

/** The renderer ends RENDERER_IDLE_MS after its last chart; a little more to be sure. */
const RENDERER_GONE_MS = RENDERER_IDLE_MS + 3_000;

/** A process's resident and proportional set size (shared pages split between their users), in MB. */
function processMemory(pid: number): { rssMb: number; pssMb: number } | undefined {
  try {
    const rollup = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
    const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(rollup)?.[1] ?? 0);
    return { rssMb: kb('Rss') / 1024, pssMb: kb('Pss') / 1024 };
  } catch {
    return undefined;
  }
}

/** `npm start` as a user runs it, against the emulator: everything it leaves running, early and settled after the bot is up. */
async function npmStartGroup(env: Record<string, string>): Promise<{ totalMb: number; earlyMb: number; processes: { command: string; rssMb: number }[] }> {
  const child = spawn('npm', ['start', '--silent'], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('npm start: the bot did not report its commands within 120 s')), 120_000);
      child.on('exit', (code) => reject(new Error(`npm start exited with ${code}`)));
      createInterface({ input: child.stdout! }).on('line', (line) => {
        if (line.includes('"msg":"commands')) {
          clearTimeout(timer);
          resolve();
        }
      });
    });
    const total = (processes: { rssMb: number }[]) => processes.reduce((sum, p) => sum + p.rssMb, 0);
    await new Promise((resolve) => setTimeout(resolve, EARLY_MS));
    const earlyMb = total(treeRss(child.pid!));
    await new Promise((resolve) => setTimeout(resolve, SETTLED_MS - EARLY_MS));
    const processes = treeRss(child.pid!).filter((p) => p.rssMb > 0);
    return { totalMb: total(processes), earlyMb, processes };
  } finally {
    try {
      process.kill(-child.pid!, 'SIGTERM');
    } catch {
      // Already gone.
    }
  }
}

export async function footprint(size: Size): Promise<Figure[]> {
  const members = size === 'full' ? 10_000 : 200;
  // The emulator compiles its request validators lazily; do it now so it does not count as the bot's start-up.
  warmUpValidators(ALL_SCHEMAS);
  const emulator = await startEmulator({ waitTimeoutMs: 60_000 });
  const guild = emulator.createGuild({ name: 'Big study server', botPermissions: BOT_PERMISSIONS });
  const viewer = emulator.createUser({ username: 'viewer' }).id;
  emulator.addMember(guild.id, viewer);
  const channelId = emulator.createTextChannel(guild.id, { name: 'study' }).id;
  const dir = mkdtempSync(join(tmpdir(), 'ai300-footprint-'));
  const storeUrl = `sqlite://${join(dir, 'store.sqlite')}`;
  await populate(storeUrl, guild.id, members, viewer);

  // The bot runs as `npm start` runs it: compiled JavaScript under plain node.
  buildCompiled();
  const child = spawnBenchChild(
    './footprintBot.ts',
    { BENCH_TOKEN: emulator.token, BENCH_API_URL: emulator.apiUrl, BENCH_STORE_URL: storeUrl },
    { compiled: true },
  );
  try {
    const ready = await child.next<ReadyReport>('ready', 90_000);
    const dispatched = performance.now();
    const reply = await emulator.slash({ userId: viewer, channelId, command: 'ai300', subcommand: 'leaderboard' }).waitForReply(60_000);
    const leaderboardMs = performance.now() - dispatched;
    if (!reply.embeds.length && !reply.content) throw new Error('footprint: the leaderboard reply is empty');
    child.send('measure');
    const after = await child.next<ChildMemory & { event: 'measure' }>('measure', 30_000);
    // Charts in use: /ai300 stats, each with its chart, at 20 a second.
    const chartCount = size === 'full' ? 200 : 10;
    // The charts are drawn in a renderer process the bot starts (and ends when idle): its memory
    // is sampled beside the bot's, every 100 ms while the charts are drawn.
    const rendererPeak = { rssMb: 0, pssMb: 0, withBotPssMb: 0 };
    const sampler = setInterval(() => {
      const renderers = treeRss(child.pid!).flatMap((p) => (p.pid === child.pid ? [] : [processMemory(p.pid) ?? { rssMb: 0, pssMb: 0 }]));
      const bot = processMemory(child.pid!);
      const rssMb = renderers.reduce((sum, p) => sum + p.rssMb, 0);
      const pssMb = renderers.reduce((sum, p) => sum + p.pssMb, 0);
      rendererPeak.rssMb = Math.max(rendererPeak.rssMb, rssMb);
      rendererPeak.pssMb = Math.max(rendererPeak.pssMb, pssMb);
      if (bot) rendererPeak.withBotPssMb = Math.max(rendererPeak.withBotPssMb, bot.pssMb + pssMb);
    }, 100);
    const chartReplies: Promise<APIMessage>[] = [];
    for (let i = 0; i < chartCount; i++) {
      chartReplies.push(emulator.slash({ userId: viewer, channelId, command: 'ai300', subcommand: 'stats', options: { private: true } }).waitForReply(60_000));
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const charted = (await Promise.all(chartReplies)).filter((message) => message.attachments.some((a) => a.filename === 'stats.png')).length;
    clearInterval(sampler);
    if (charted !== chartCount) throw new Error(`footprint: ${chartCount - charted} of ${chartCount} stats replies came without their chart`);
    child.send('measure');
    const withCharts = await child.next<ChildMemory & { event: 'measure' }>('measure', 30_000);
    // Once charts stop coming the renderer ends; what stays is the bot's own.
    await new Promise((resolve) => setTimeout(resolve, RENDERER_GONE_MS));
    const renderersLeft = treeRss(child.pid!).filter((p) => p.pid !== child.pid).length;
    child.send('measure');
    const afterCharts = await child.next<ChildMemory & { event: 'measure' }>('measure', 30_000);
    await child.stop();
    const group = await npmStartGroup({ DISCORD_TOKEN: emulator.token, DISCORD_API_URL: emulator.apiUrl, STORE_URL: storeUrl, LOG_LEVEL: 'info' });
    emulator.assertNoViolations();

    const scenario = 'footprint';
    const excludingGateway = ready.totalMs - ready.gatewayMs;
    const split = Number.isFinite(ready.gatewayMs);
    return [
      {
        scenario,
        metric: 'RSS after start-up (settled)',
        value: round(ready.rssMb, 1),
        unit: 'MB',
        target: '< 110 MB',
        met: ready.rssMb < 110,
        note: `the bot alone, compiled, in a fresh node process with npm start's flags, ${SETTLED_MS / 1000} s after ready (settled); heap used ${round(ready.heapUsedMb, 1)} MB; ${EARLY_MS / 1000} s after ready ${round(ready.early.rssMb, 1)} MB`,
      },
      {
        scenario,
        metric: 'everything npm start leaves running, after start-up (settled)',
        value: round(group.totalMb, 1),
        unit: 'MB',
        target: '< 170 MB',
        met: group.totalMb < 170,
        note: `${SETTLED_MS / 1000} s after the bot is up (settled): ${group.processes.map((p) => `${p.command} ${round(p.rssMb, 1)} MB`).join('; ')}; ${EARLY_MS / 1000} s after it was up ${round(group.earlyMb, 1)} MB in all`,
      },
      {
        scenario,
        metric: `RSS after a ${members}-member leaderboard`,
        value: round(after.rssMb, 1),
        unit: 'MB',
        target: '< 200 MB',
        met: after.rssMb < 200,
        note: `peak RSS ${after.peakRssMb === undefined ? 'n/a' : round(after.peakRssMb, 1)} MB, heap used ${round(after.heapUsedMb, 1)} MB; /ai300 leaderboard through the emulator took ${round(leaderboardMs)} ms to the visible reply (first load of the server)`,
      },
      {
        scenario,
        metric: `bot RSS with charts in use (${chartCount} stats charts at 20/s after the leaderboard)`,
        value: round(withCharts.rssMb, 1),
        unit: 'MB',
        target: '< 200 MB',
        met: withCharts.rssMb < 200 && (withCharts.peakRssMb ?? 0) < 200,
        note: `the bot's process: peak RSS ${withCharts.peakRssMb === undefined ? 'n/a' : round(withCharts.peakRssMb, 1)} MB, heap used ${round(withCharts.heapUsedMb, 1)} MB; ${round(afterCharts.rssMb, 1)} MB ${RENDERER_GONE_MS / 1000} s after the last chart (renderer processes left: ${renderersLeft}). The charts are drawn in a renderer process of the bot's (next figure)`,
      },
      {
        scenario,
        metric: 'bot and chart renderer together with charts in use (proportional set size), highest',
        value: round(rendererPeak.withBotPssMb, 1),
        unit: 'MB',
        target: '< 200 MB',
        met: rendererPeak.withBotPssMb > 0 && rendererPeak.withBotPssMb < 200,
        note: `sampled every 100 ms while the charts were drawn; proportional set size counts the pages the two processes share (node's own code) half to each, so the sum is the memory they take together. The renderer starts on the first chart, is replaced every ${CHARTS_PER_RENDERER} charts and ends when no chart came for ${RENDERER_IDLE_MS / 1000} s: its own highest RSS ${round(rendererPeak.rssMb, 1)} MB (PSS ${round(rendererPeak.pssMb, 1)} MB)`,
      },
      {
        scenario,
        metric: 'start to ready, excluding the gateway',
        value: round(split ? excludingGateway : ready.totalMs),
        unit: 'ms',
        target: '< 2000 ms',
        met: (split ? excludingGateway : ready.totalMs) < 2000,
        note: split
          ? `startBot() ${round(ready.totalMs)} ms in all: ${round(ready.beforeLoginMs)} ms before login (store, client), gateway ${round(ready.gatewayMs)} ms (login() to ClientReady), ${round(ready.afterReadyMs)} ms after ready (command sync); content loaded before startBot in ${round(ready.contentMs)} ms; process up ${round(ready.uptimeMs)} ms at ready (node start-up included)`
          : 'could not separate the gateway: total startBot() time',
      },
      {
        scenario,
        metric: 'start to ready, total (startBot call to resolve)',
        value: round(ready.totalMs),
        unit: 'ms',
        note: `gateway handshake (login() to ClientReady, against the local emulator) ${round(ready.gatewayMs)} ms`,
      },
    ];
  } finally {
    await child.stop(5_000);
    await emulator.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
