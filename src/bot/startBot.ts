// Starts the bot: content, store, client, command sync, daily scheduler. Returns a handle that
// stops it cleanly.
import { Events, type Client } from 'discord.js';
import type { Content } from '../content/load.ts';
import { examWeights } from '../domain/mastery.ts';
import type { Random } from '../domain/random.ts';
import type { Logger } from '../logger.ts';
import { closeCharts } from '../render/charts/index.ts';
import { DailyStore } from '../store/dailyStore.ts';
import { ExamStore } from '../store/examStore.ts';
import { ReportStore } from '../store/reportStore.ts';
import { openKeyValue } from '../store/kv.ts';
import { SessionStore } from '../store/sessionStore.ts';
import { DM_GUILD, StudyStore } from '../store/studyStore.ts';
import { createClient } from './client.ts';
import { syncCommands } from './commandSync.ts';
import { createCommands } from './commands/index.ts';
import { createComponentRouter } from './components/router.ts';
import type { BotContext } from './context.ts';
import { LiveCounter } from './daily/liveCount.ts';
import { discordGateway, refreshDailyCount } from './daily/poster.ts';
import { DailyScheduler } from './daily/scheduler.ts';
import { ExamSweeper } from './exam/sweep.ts';
import { createInteractionHandler } from './interactions.ts';
import { SessionRunner, type RunnerOptions } from './session/runner.ts';

export interface BotOptions {
  token: string;
  apiUrl: string;
  storeUrl: string;
  guildId?: string;
  content: Content;
  logger: Logger;
  now?: () => Date;
  random?: Random;
  /** How often the daily post's answer count may be edited (default 5 s). */
  liveCountIntervalMs?: number;
  /** Tests drive the daily scheduler's and the exam sweeper's passes by hand. */
  startScheduler?: boolean;
  /** How long a handler may work before it defers its answer (default 1.5 s). */
  deferAfterMs?: number;
  /** Study-session timing (tick, pause between questions, live-count interval). */
  sessions?: RunnerOptions;
}

export interface RunningBot {
  client: Client<true>;
  ctx: BotContext;
  scheduler: DailyScheduler;
  sessions: SessionRunner;
  /** Scores mock exams whose time ran out; tests call its `sweep()` by hand. */
  examSweeper: ExamSweeper;
  stop(): Promise<void>;
}

export async function startBot(options: BotOptions): Promise<RunningBot> {
  const { logger, content } = options;
  const kv = await openKeyValue(options.storeUrl);
  const client = createClient(options.apiUrl, logger);
  const weights = examWeights(content.domains);
  const ctx: BotContext = {
    content,
    weights,
    store: new StudyStore(kv, (error) => logger.error({ err: error }, 'saving which question was shown failed; it may be shown again soon'), { weights }),
    exams: new ExamStore(kv),
    reports: new ReportStore(kv),
    // The runner needs the context it belongs to; it is set just below.
    sessions: { store: new SessionStore(kv), driver: undefined as unknown as SessionRunner },
    daily: {
      store: new DailyStore(kv),
      liveCounter: new LiveCounter((target) => refreshDailyCount(client, ctx, target.guildId, target.postId), logger, options.liveCountIntervalMs),
    },
    logger,
    now: options.now ?? (() => new Date()),
    random: options.random ?? Math.random,
    ...(options.deferAfterMs !== undefined && { deferAfterMs: options.deferAfterMs }),
  };
  const sessions = new SessionRunner(client, ctx, options.sessions);
  ctx.sessions.driver = sessions;
  const commands = createCommands(content);
  const handleInteraction = createInteractionHandler(commands, createComponentRouter(), ctx);
  client.on(Events.InteractionCreate, (interaction) => void handleInteraction(interaction));
  const scheduler = new DailyScheduler(discordGateway(client, ctx), ctx);
  // Direct messages belong to shard 0 (or the only process).
  const examSweeper = new ExamSweeper(ctx, () => [...client.guilds.cache.keys(), ...(!client.shard || client.shard.ids.includes(0) ? [DM_GUILD] : [])]);

  const ready = new Promise<Client<true>>((resolve) => client.once(Events.ClientReady, resolve));
  try {
    await client.login(options.token);
  } catch (error) {
    await kv.close();
    throw error;
  }
  const readyClient = await ready;
  const shards = readyClient.shard?.ids;
  logger.info({ user: readyClient.user.tag, guilds: readyClient.guilds.cache.size, ...(shards && { shards }) }, 'connected');
  // Commands belong to the application, not to a shard: shard 0's process syncs them, once.
  if (!shards || shards.includes(0)) {
    await syncCommands(
      readyClient.rest,
      readyClient.application.id,
      commands.map((c) => c.data),
      logger,
      options.guildId,
    );
  }
  if (options.startScheduler !== false) {
    scheduler.start();
    examSweeper.start();
  }
  await sessions.start();

  return {
    client: readyClient,
    ctx,
    scheduler,
    sessions,
    examSweeper,
    async stop() {
      await scheduler.stop();
      await examSweeper.stop();
      await sessions.stop();
      await ctx.daily.liveCounter.flush();
      await client.destroy();
      await closeCharts();
      await kv.close();
    },
  };
}
