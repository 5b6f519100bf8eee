// End-to-end harness: the emulator, the study world and the real bot (real discord.js client)
// connected through DISCORD_API_URL and a token, as in production.
import type { APIEmbed, APIMessage } from 'discord-api-types/v10';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { startBot, type RunningBot } from '../../src/bot/startBot.ts';
import type { Content } from '../../src/content/load.ts';
import { loadCheckedContent } from '../../src/render/contentChecks.ts';
import { seededRandom } from '../../src/domain/random.ts';
import { startEmulator, type DiscordEmulator, type EmulatorOptions, type InteractionHandle, type OptionValue } from '@ai300/discord-emulator';
import { silentLogger, type Logger } from '../../src/logger.ts';
import { createTestWorld, type StudyWorld } from '../helpers/studyWorld.ts';
import { testClock, type TestClock } from '../helpers/botContext.ts';

let sharedContent: Content | undefined;
export function content(): Content {
  sharedContent ??= loadCheckedContent();
  return sharedContent;
}

export interface E2E {
  emulator: DiscordEmulator;
  world: StudyWorld;
  bot: RunningBot;
  clock: TestClock;
  storeUrl: string;
  /** Stops the bot and starts a new one on the same store and emulator (a restart); `whileDown` runs in between. */
  restartBot(whileDown?: () => void): Promise<RunningBot>;
  stop(): Promise<void>;
}

export interface E2EOptions {
  storeUrl?: string;
  emulator?: EmulatorOptions;
  /** The bot's clock at start. */
  start?: string;
  /** Register commands to the server, as with DISCORD_GUILD_ID (default: globally, as in production). */
  guildCommands?: boolean;
  logger?: Logger;
  /** How long handlers work before deferring (production: 1.5 s). */
  deferAfterMs?: number;
}

/**
 * One emulator and bot for a describe block: started before its tests, stopped after, and every
 * test ends by asserting that the bot sent nothing Discord would reject.
 */
export function useE2E(options: E2EOptions | (() => E2EOptions) = {}): E2E {
  const e2e = {} as E2E;
  beforeAll(async () => {
    await startE2E(typeof options === 'function' ? options() : options, e2e);
  });
  afterAll(async () => {
    await e2e.stop?.();
  });
  afterEach(() => e2e.emulator.assertNoViolations());
  return e2e;
}

export async function startE2E(options: E2EOptions = {}, into = {} as E2E): Promise<E2E> {
  const emulator = await startEmulator({ waitTimeoutMs: 8000, ...options.emulator });
  const world = createTestWorld(emulator);
  const clock = testClock(options.start ?? '2026-11-27T09:00:00Z');
  const storeUrl = options.storeUrl ?? 'memory://';
  const launch = () =>
    startBot({
      token: emulator.token,
      apiUrl: emulator.apiUrl,
      storeUrl,
      ...(options.guildCommands && { guildId: world.guildId }),
      content: content(),
      logger: options.logger ?? silentLogger,
      now: clock.now,
      random: seededRandom(42),
      startScheduler: false,
      liveCountIntervalMs: 100,
      sessions: { countIntervalMs: 100 },
      ...(options.deferAfterMs !== undefined && { deferAfterMs: options.deferAfterMs }),
    });
  const e2e: E2E = Object.assign(into, {
    emulator,
    world,
    clock,
    storeUrl,
    bot: await launch(),
    async restartBot(whileDown?: () => void) {
      await e2e.bot.stop();
      whileDown?.();
      e2e.bot = await launch();
      return e2e.bot;
    },
    async stop() {
      await e2e.bot.stop();
      await emulator.close();
    },
  });
  return e2e;
}

/** Runs `/ai300 <sub>` (or another command) as a member and returns the interaction handle. */
export function ai300(
  e2e: E2E,
  userId: string,
  subcommand: string,
  options: Record<string, OptionValue> = {},
  channelId = e2e.world.studyChannel,
): InteractionHandle {
  return e2e.emulator.slash({ userId, channelId, command: 'ai300', subcommand, options });
}

export function daily(
  e2e: E2E,
  userId: string,
  subcommand: string,
  options: Record<string, OptionValue> = {},
  channelId = e2e.world.studyChannel,
): InteractionHandle {
  return e2e.emulator.slash({ userId, channelId, command: 'ai300-daily', subcommand, options });
}

export function embedText(message: APIMessage): string {
  return [
    message.content,
    ...message.embeds.map((e: APIEmbed) => [e.title, e.description, ...(e.fields ?? []).map((f) => `${f.name}\n${f.value}`), e.footer?.text].join('\n')),
  ].join('\n');
}

export function buttons(message: APIMessage): { label: string; customId: string; disabled: boolean }[] {
  return (message.components ?? []).flatMap((row) =>
    ((row as { components: { type: number; label?: string; custom_id?: string; disabled?: boolean }[] }).components ?? [])
      .filter((c) => c.type === 2)
      .map((c) => ({ label: c.label ?? '', customId: c.custom_id ?? '', disabled: Boolean(c.disabled) })),
  );
}

/** The A-D answer buttons of a question message. */
export function answerButtons(message: APIMessage): { label: string; customId: string; disabled: boolean }[] {
  return buttons(message).filter((b) => ['A', 'B', 'C', 'D'].includes(b.label));
}

export function isEphemeral(message: APIMessage): boolean {
  return ((message.flags ?? 0) & 64) !== 0;
}

/** The question id shown in a question's footer. */
export function questionIdOf(message: APIMessage): string {
  const footer = message.embeds.at(-1)?.footer?.text ?? '';
  const id = /^([a-z]+-\d{3})/.exec(footer)?.[1];
  if (!id) throw new Error(`no question id in footer "${footer}"`);
  return id;
}

/** Clicks the answer button for `letter` (or the right / a wrong one) on a question message. */
export function answer(e2e: E2E, userId: string, message: APIMessage, pick: 'right' | 'wrong' | 'A' | 'B' | 'C' | 'D'): InteractionHandle {
  const question = content().questionById.get(questionIdOf(message))!;
  const letter = pick === 'right' ? question.answer : pick === 'wrong' ? (['A', 'B', 'C', 'D'] as const).find((l) => l !== question.answer)! : pick;
  const button = buttons(message).find((b) => b.label === letter);
  if (!button) throw new Error(`no ${letter} button on message ${message.id}`);
  return e2e.emulator.click({ userId, messageId: message.id, customId: button.customId });
}

export function clickLabel(e2e: E2E, userId: string, message: APIMessage, label: string | RegExp): InteractionHandle {
  const button = buttons(message).find((b) => (typeof label === 'string' ? b.label === label : label.test(b.label)));
  if (!button)
    throw new Error(
      `no button "${label}" on message ${message.id}: ${buttons(message)
        .map((b) => b.label)
        .join(', ')}`,
    );
  return e2e.emulator.click({ userId, messageId: message.id, customId: button.customId });
}
