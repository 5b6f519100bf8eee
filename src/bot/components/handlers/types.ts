import type { MessageComponentInteraction, ModalSubmitInteraction } from 'discord.js';
import type { CustomId } from '../../../render/customId.ts';
import type { BotContext } from '../../context.ts';

/** Kinds whose id sits on a modal rather than on a button or menu. */
export type ModalKind = 'reportForm';

export type InteractionFor<K extends CustomId['kind']> = K extends ModalKind ? ModalSubmitInteraction : MessageComponentInteraction;

export type ComponentHandler<K extends CustomId['kind']> = (
  interaction: InteractionFor<K>,
  id: Extract<CustomId, { kind: K }>,
  ctx: BotContext,
) => Promise<void>;
