// Starts the bot: content, store, client, command sync. Returns a handle that stops it cleanly.
import { Events, type Client } from 'discord.js';
import type { Content } from '../content/load.ts';
import { examWeights } from '../domain/mastery.ts';
import type { Random } from '../domain/random.ts';
import type { Logger } from '../logger.ts';
import { openKeyValue } from '../store/kv.ts';
import { StudyStore } from '../store/studyStore.ts';
import { createClient } from './client.ts';
import { syncCommands } from './commandSync.ts';
import { createCommands } from './commands/index.ts';
import { createComponentRouter } from './components/router.ts';
import type { BotContext } from './context.ts';
import { createInteractionHandler } from './interactions.ts';

export interface BotOptions {
  token: string;
  apiUrl: string;
  storeUrl: string;
  guildId?: string;
  content: Content;
  logger: Logger;
  now?: () => Date;
  random?: Random;
}

export interface RunningBot {
  client: Client<true>;
  ctx: BotContext;
  stop(): Promise<void>;
}

export async function startBot(options: BotOptions): Promise<RunningBot> {
  const { logger, content } = options;
  const store = new StudyStore(await openKeyValue(options.storeUrl));
  const ctx: BotContext = {
    content,
    weights: examWeights(content.domains),
    store,
    logger,
    now: options.now ?? (() => new Date()),
    random: options.random ?? Math.random,
  };
  const commands = createCommands(content);
  const client = createClient(options.apiUrl, logger);
  const handleInteraction = createInteractionHandler(commands, createComponentRouter(), ctx);
  client.on(Events.InteractionCreate, (interaction) => void handleInteraction(interaction));

  const ready = new Promise<Client<true>>((resolve) => client.once(Events.ClientReady, resolve));
  try {
    await client.login(options.token);
  } catch (error) {
    await store.close();
    throw error;
  }
  const readyClient = await ready;
  logger.info({ user: readyClient.user.tag, guilds: readyClient.guilds.cache.size }, 'connected');
  await syncCommands(readyClient, commands.map((c) => c.data), logger, options.guildId);

  return {
    client: readyClient,
    ctx,
    async stop() {
      await client.destroy();
      await store.close();
    },
  };
}
