// Child process of the latency scenario: the bot under test, either the study bot or the floor
// (a bare discord.js client with the same commands and a fixed reply to everything), in its own
// process as it would be against Discord, so the emulator's work does not share its event loop.
import { PerformanceObserver, constants } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { ButtonStyle, Client, ComponentType, Events, GatewayIntentBits, MessageFlags, type Interaction } from 'discord.js';
import { createCommands } from '../../src/bot/commands/index.ts';
import { startBot } from '../../src/bot/startBot.ts';
import type { Content } from '../../src/content/load.ts';
import { loadCheckedContent } from '../../src/render/contentChecks.ts';
import { seededRandom } from '../../src/domain/random.ts';
import { silentLogger } from '../../src/logger.ts';
import { profileThisProcess, type RunProfile } from './profile.ts';

const env = (name: string) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
};

/** The floor: answers every command with reply('ok') and every button with update('ok'). */
async function startFloorBot(token: string, apiUrl: string, content: Content): Promise<{ client: Client; stop(): Promise<void> }> {
  const client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: apiUrl } });
  // The quiz reply carries four fixed buttons so the same load can click something.
  const row = {
    type: ComponentType.ActionRow,
    components: ['A', 'B', 'C', 'D'].map((label) => ({ type: ComponentType.Button, style: ButtonStyle.Secondary, label, custom_id: `floor-${label}` })),
  } as const;
  client.on(Events.InteractionCreate, (interaction: Interaction) => {
    if (interaction.isChatInputCommand()) {
      const quiz = interaction.options.getSubcommand(false) === 'quiz';
      void interaction.reply(quiz ? { content: 'ok', components: [row], flags: MessageFlags.Ephemeral } : { content: 'ok' }).catch(() => undefined);
    } else if (interaction.isButton()) {
      void interaction.update({ content: 'ok' }).catch(() => undefined);
    } else if (interaction.isRepliable()) {
      void interaction.reply({ content: 'ok' }).catch(() => undefined);
    }
  });
  const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
  await client.login(token);
  await ready;
  await client.application!.commands.set(createCommands(content).map((c) => c.data));
  return { client, stop: () => client.destroy() };
}

const content = loadCheckedContent();
const token = env('BENCH_TOKEN');
const apiUrl = env('BENCH_API_URL');
const bot =
  env('BENCH_KIND') === 'floor'
    ? await startFloorBot(token, apiUrl, content)
    : await startBot({ token, apiUrl, storeUrl: env('BENCH_STORE_URL'), content, logger: silentLogger, startScheduler: false, random: seededRandom(7) });

const GC_KINDS: Record<number, string> = {
  [constants.NODE_PERFORMANCE_GC_MINOR]: 'minor',
  [constants.NODE_PERFORMANCE_GC_MAJOR]: 'major',
  [constants.NODE_PERFORMANCE_GC_INCREMENTAL]: 'incremental',
  [constants.NODE_PERFORMANCE_GC_WEAKCB]: 'weak callbacks',
};

/**
 * Where the time goes inside this process: from discord.js emitting the interaction to the bot
 * starting its callback request ("work"), and the garbage collector's pauses. Counted between the
 * parent's 'measure' and 'report' lines, so the warm-up is left out.
 */
function watchWork(client: Client) {
  const received = new Map<string, number>();
  let work: number[] = [];
  let pauses: number[] = [];
  let cpuAtReset = process.cpuUsage();
  let peakRss = 0;
  const rssSampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage.rss());
  }, 250);
  rssSampler.unref();
  /** Pause time by collector kind (minor = scavenge, major = mark-compact), to tell what a tail is made of. */
  let byKind: Record<string, number> = {};
  client.prependListener(Events.InteractionCreate, (interaction: Interaction) => {
    received.set(interaction.id, performance.now());
  });
  const rest = client.rest as unknown as { options: { makeRequest: (url: string, init: unknown) => Promise<unknown> } };
  const makeRequest = rest.options.makeRequest;
  rest.options.makeRequest = (url, init) => {
    const id = /\/interactions\/(\d+)\//.exec(url)?.[1];
    const start = id === undefined ? undefined : received.get(id);
    if (start !== undefined) {
      work.push(performance.now() - start);
      received.delete(id!);
    }
    return makeRequest(url, init);
  };
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      pauses.push(entry.duration);
      const kind = GC_KINDS[(entry as { detail?: { kind?: number } }).detail?.kind ?? -1] ?? 'other';
      byKind[kind] = (byKind[kind] ?? 0) + entry.duration;
    }
  }).observe({ entryTypes: ['gc'] });
  return {
    reset() {
      cpuAtReset = process.cpuUsage();
      work = [];
      pauses = [];
      byKind = {};
      peakRss = process.memoryUsage.rss();
    },
    report() {
      const cpu = process.cpuUsage(cpuAtReset);
      // Raw times, so the parent can pool several runs before taking percentiles.
      const rss = process.memoryUsage.rss();
      const mb = (bytes: number) => bytes / 2 ** 20;
      return { cpuMs: (cpu.user + cpu.system) / 1000, work, gcPauses: pauses, gcMsByKind: byKind, rssMb: mb(rss), peakRssMb: mb(Math.max(peakRss, rss)) };
    },
  };
}

const watch = watchWork(bot.client);
process.stdout.write(`${JSON.stringify({ event: 'ready' })}\n`);

// BENCH_CPU_PROF / BENCH_HEAP_PROF: profiles of this bot over the measured run (profile.ts).
let profile: RunProfile | undefined;
for await (const line of createInterface({ input: process.stdin })) {
  if (line === 'measure') {
    watch.reset();
    profile = await profileThisProcess();
  }
  if (line === 'report') {
    await profile?.save(env('BENCH_KIND'));
    process.stdout.write(`${JSON.stringify({ event: 'report', ...watch.report() })}\n`);
  }
  if (line === 'stop') break;
}
await bot.stop();
process.stdout.write(`${JSON.stringify({ event: 'stopped' })}\n`);
process.exit(0);
