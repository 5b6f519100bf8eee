// Child process of the footprint scenario: starts the bot against the emulator the parent runs,
// reports its own RSS and start-up times as JSON lines on stdout, and obeys 'measure' / 'stop'
// lines on stdin. Run alone it measures only the bot, not the benchmark harness.
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { Client, Events } from 'discord.js';
import { startBot } from '../../src/bot/startBot.ts';
import { loadContentOffThread } from '../../src/loadContentOffThread.ts';
import { silentLogger } from '../../src/logger.ts';
import { EARLY_MS, SETTLED_MS } from './measure.ts';

// Separate the gateway from the rest of start-up: login() is called once, and ClientReady
// fires when the READY and GUILD_CREATE dispatches have been processed.
const marks: { loginStart?: number; ready?: number } = {};
const login = Client.prototype.login;
Client.prototype.login = function (this: Client, token?: string) {
  marks.loginStart = performance.now();
  this.once(Events.ClientReady, () => {
    marks.ready = performance.now();
  });
  return login.call(this, token);
};

const mb = (bytes: number) => bytes / 2 ** 20;
/** Peak RSS of this process so far (Linux), in MB. */
function peakRssMb(): number | undefined {
  try {
    const kb = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1];
    return kb ? Number(kb) / 1024 : undefined;
  } catch {
    return undefined;
  }
}
function memory() {
  const usage = process.memoryUsage();
  return { rssMb: mb(usage.rss), heapUsedMb: mb(usage.heapUsed), externalMb: mb(usage.external), peakRssMb: peakRssMb() };
}
const send = (message: object) => process.stdout.write(`${JSON.stringify(message)}\n`);

const env = (name: string) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
};

const contentStarted = performance.now();
const content = await loadContentOffThread();
const contentMs = performance.now() - contentStarted;
const started = performance.now();
const bot = await startBot({
  token: env('BENCH_TOKEN'),
  apiUrl: env('BENCH_API_URL'),
  storeUrl: env('BENCH_STORE_URL'),
  content,
  logger: silentLogger,
  startScheduler: false,
});
const totalMs = performance.now() - started;
const gatewayMs = marks.ready !== undefined && marks.loginStart !== undefined ? marks.ready - marks.loginStart : NaN;
const uptimeMs = process.uptime() * 1000;
// Memory is read twice, as for the npm start figure: 2 s after ready (the content check's worker is
// gone, but V8's young generation still has the size start-up grew it to) and once start-up has
// settled, after V8's memory reducer has run in the idle process (about 8 s after the last busy
// moment), as on a user's machine that keeps the bot running.
await new Promise((resolve) => setTimeout(resolve, EARLY_MS));
const early = memory();
await new Promise((resolve) => setTimeout(resolve, SETTLED_MS - EARLY_MS));
send({
  early,
  event: 'ready',
  totalMs,
  gatewayMs,
  beforeLoginMs: (marks.loginStart ?? NaN) - started,
  afterReadyMs: started + totalMs - (marks.ready ?? NaN),
  contentMs,
  uptimeMs,
  ...memory(),
});

const lines = createInterface({ input: process.stdin });
for await (const line of lines) {
  if (line === 'measure') send({ event: 'measure', ...memory() });
  if (line === 'stop') break;
}
await bot.stop();
send({ event: 'stopped' });
process.exit(0);
