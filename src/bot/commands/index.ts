// Every top-level slash command the bot registers. Building them has no side effects, so the
// deploy script can import this without starting the client or the store.
import type { Content } from '../../content/load.ts';
import { createAi300Command } from './ai300/index.ts';
import { createDailyCommand } from './ai300-daily/index.ts';
import type { SlashCommand } from './types.ts';

export function createCommands(content: Content): SlashCommand[] {
  return [createAi300Command(content), createDailyCommand()];
}
