// Child process of the latency scenario: the bot under test, either the study bot or the floor
// (a bare discord.js client with the same commands and a fixed reply to everything), in its own
// process as it would be against Discord, so the emulator's work does not share its event loop.
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { ButtonStyle, Client, ComponentType, Events, GatewayIntentBits, MessageFlags, type Interaction } from 'discord.js';
import { createCommands } from '../../src/bot/commands/index.ts';
import { startBot } from '../../src/bot/startBot.ts';
import { loadContent, type Content } from '../../src/content/load.ts';
import { seededRandom } from '../../src/domain/random.ts';
import { silentLogger } from '../../src/logger.ts';

const env = (name: string) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
};

/** The floor: answers every command with reply('ok') and every button with update('ok'). */
async function startFloorBot(token: string, apiUrl: string, content: Content): Promise<{ stop(): Promise<void> }> {
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
  return { stop: () => client.destroy() };
}

// BENCH_CPU_PROF=<dir>: write a .cpuprofile of this process (node --cpu-prof is refused in NODE_OPTIONS).
const profileDir = process.env.BENCH_CPU_PROF;
const profiler = profileDir ? new Session() : undefined;
if (profiler) {
  profiler.connect();
  await profiler.post('Profiler.enable');
  await profiler.post('Profiler.setSamplingInterval', { interval: 500 });
  await profiler.post('Profiler.start');
}

const content = loadContent();
const token = env('BENCH_TOKEN');
const apiUrl = env('BENCH_API_URL');
const bot =
  env('BENCH_KIND') === 'floor'
    ? await startFloorBot(token, apiUrl, content)
    : await startBot({ token, apiUrl, storeUrl: env('BENCH_STORE_URL'), content, logger: silentLogger, startScheduler: false, random: seededRandom(7) });
process.stdout.write(`${JSON.stringify({ event: 'ready' })}\n`);

for await (const line of createInterface({ input: process.stdin })) {
  if (line === 'stop') break;
}
await bot.stop();
if (profiler && profileDir) {
  const { profile } = await profiler.post('Profiler.stop');
  writeFileSync(join(profileDir, `${env('BENCH_KIND')}-${process.pid}.cpuprofile`), JSON.stringify(profile));
}
process.stdout.write(`${JSON.stringify({ event: 'stopped' })}\n`);
process.exit(0);
