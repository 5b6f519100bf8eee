// Answering an interaction in one request when the work is quick, deferring only when it is
// not. A deferred answer costs a second request (the edit) that counts against the bot's global
// rate limit; interaction callbacks do not. So handlers race their work against a short timer:
// done in time, they reply or update directly; too slow, they defer (well inside Discord's 3 s)
// and edit when the work is done.
import { MessageFlags, type ChatInputCommandInteraction, type MessageComponentInteraction } from 'discord.js';
import type { MessagePayload } from '../render/limits.ts';
import type { BotContext } from './context.ts';
import { forDiscord } from './payload.ts';

/** How long a handler may work before it defers; Discord allows 3 s for the first answer. */
export const DEFAULT_DEFER_AFTER_MS = 1_500;

export type Outcome =
  /** The answer: the reply (commands) or the new state of the clicked message (components). */
  | { show: MessagePayload }
  /** A private note to the clicker, leaving the clicked message as it is. */
  | { notice: string };

type Visibility = { ephemeral?: boolean };

async function race<T>(ctx: BotContext, work: () => Promise<T>, defer: () => Promise<unknown>): Promise<{ value: T; deferred: boolean }> {
  let deferring: Promise<unknown> | undefined;
  const timer = setTimeout(() => {
    deferring = defer();
    // A defer that fails while the work still runs (the interaction expired under load) is
    // reported where it is awaited below; without this it would crash the process first.
    deferring.catch(() => undefined);
  }, ctx.deferAfterMs ?? DEFAULT_DEFER_AFTER_MS);
  try {
    const value = await work();
    clearTimeout(timer);
    if (deferring) await deferring;
    return { value, deferred: deferring !== undefined };
  } catch (error) {
    clearTimeout(timer);
    // Let a defer in flight finish, so the error reply knows the interaction's real state.
    if (deferring) await deferring.catch(() => undefined);
    throw error;
  }
}

/** A slash command's reply: public unless `ephemeral`. */
export async function replyWith(
  interaction: ChatInputCommandInteraction,
  ctx: BotContext,
  work: () => Promise<MessagePayload>,
  visibility: Visibility = {},
): Promise<void> {
  const flags = visibility.ephemeral ? MessageFlags.Ephemeral : undefined;
  const { value, deferred } = await race(ctx, work, () => interaction.deferReply(flags ? { flags } : {}));
  const message = forDiscord(value);
  if (deferred) await interaction.editReply(message);
  else await interaction.reply(flags ? { ...message, flags } : message);
}

/** A button or menu that changes the message it sits on (or sends the clicker a private note). */
export async function updateWith(interaction: MessageComponentInteraction, ctx: BotContext, work: () => Promise<Outcome>): Promise<void> {
  const { value, deferred } = await race(ctx, work, () => interaction.deferUpdate());
  if ('notice' in value) {
    const note = { content: value.notice, flags: MessageFlags.Ephemeral } as const;
    if (deferred) await interaction.followUp(note);
    else await interaction.reply(note);
    return;
  }
  const message = forDiscord(value.show);
  if (deferred) await interaction.editReply(message);
  else await interaction.update(message);
}

/** A button that answers the clicker privately with a new message. */
export async function replyPrivatelyWith(interaction: MessageComponentInteraction, ctx: BotContext, work: () => Promise<MessagePayload>): Promise<void> {
  const { value, deferred } = await race(ctx, work, () => interaction.deferReply({ flags: MessageFlags.Ephemeral }));
  const message = forDiscord(value);
  if (deferred) await interaction.editReply(message);
  else await interaction.reply({ ...message, flags: MessageFlags.Ephemeral });
}
