import type { MessageComponentInteraction } from 'discord.js';
import type { BotContext } from '../../context.ts';
import type { CustomId } from '../../../render/customId.ts';

export type ComponentHandler<K extends CustomId['kind']> = (
  interaction: MessageComponentInteraction,
  id: Extract<CustomId, { kind: K }>,
  ctx: BotContext,
) => Promise<void>;
