// Channels and their messages as the bot sees them through REST (no ephemeral messages here).
import { cannotEditOthersMessage, invalidFormBody, missingPermissions, unknownMessage } from '../errors.ts';
import type { RouteContext, RouteDef } from '../http/router.ts';
import { assertNotEmpty, createMessage, editMessage } from '../messages/message-ops.ts';
import { asApiMessage, type StoredMessage } from '../messages/message-store.ts';
import { checkMessageLimits } from '../validation/message-limits.ts';
import { isObject } from '../validation/problems.ts';
import { assertValidBody } from '../validation/validate.ts';
import { hasAll, Permission } from '../world/permissions.ts';
import { serializeChannel, type JsonObject } from '../world/serialize.ts';
import { ChannelKind } from '../world/types.ts';
import { botPermissionsIn, channelForBot } from './access.ts';

const MessageType = { Default: 0, Reply: 19 } as const;
const READ = Permission.ReadMessageHistory;

function visibleMessage(ctx: RouteContext): StoredMessage {
  const message = ctx.state.messages.get(ctx.params.messageId as string);
  if (!message || message.data.channel_id !== ctx.params.channelId || message.recipientId !== undefined) throw unknownMessage();
  return message;
}

function getChannel(ctx: RouteContext) {
  const channel = channelForBot(ctx.state, ctx.params.channelId as string);
  return { body: serializeChannel(ctx.state.world, channel) };
}

function listMessages(ctx: RouteContext) {
  const channel = channelForBot(ctx.state, ctx.params.channelId as string, READ);
  const rawLimit = ctx.query.get('limit');
  const limit = rawLimit === null ? 50 : Number(rawLimit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 100) {
    throw invalidFormBody([{ path: ['limit'], code: 'NUMBER_TYPE_MAX', message: 'Must be between 1 and 100.' }]);
  }
  const all = ctx.state.messages.inChannel(channel.id).map((m) => m.data);
  const id = (m: JsonObject) => BigInt(String(m.id));
  const before = ctx.query.get('before');
  const after = ctx.query.get('after');
  const around = ctx.query.get('around');
  let selected: JsonObject[];
  if (after) selected = all.filter((m) => id(m) > BigInt(after)).slice(0, limit);
  else if (around) {
    const pivot = BigInt(around);
    const older = all.filter((m) => id(m) <= pivot).slice(-Math.ceil(limit / 2));
    const newer = all.filter((m) => id(m) > pivot).slice(0, limit - older.length);
    selected = [...older, ...newer];
  } else {
    const pool = before ? all.filter((m) => id(m) < BigInt(before)) : all;
    selected = pool.slice(-limit);
  }
  return { body: selected.reverse().map(asApiMessage) };
}

function getMessage(ctx: RouteContext) {
  channelForBot(ctx.state, ctx.params.channelId as string, READ);
  return { body: asApiMessage(visibleMessage(ctx).data) };
}

function postMessage(ctx: RouteContext) {
  const channel = channelForBot(ctx.state, ctx.params.channelId as string, Permission.SendMessages);
  assertValidBody(ctx.state.settings, 'MessageCreateRequest', ctx.body, () => checkMessageLimits(ctx.body));
  const payload = ctx.body as JsonObject;
  assertNotEmpty(payload, ctx.files);
  // enforce_nonce: a second message with the same nonce from the same author within a few minutes
  // is not created; Discord returns the first one.
  const nonce = payload.enforce_nonce === true && (typeof payload.nonce === 'string' || typeof payload.nonce === 'number') ? String(payload.nonce) : undefined;
  const now = ctx.state.clock.now();
  const earlier = nonce === undefined ? undefined : ctx.state.messages.byNonce(channel.id, ctx.state.bot.id, nonce, now);
  if (earlier) return { body: asApiMessage(earlier.data) };
  const reference = isObject(payload.message_reference) ? payload.message_reference : undefined;
  if (reference && typeof reference.message_id === 'string' && !ctx.state.messages.get(reference.message_id)) {
    if (reference.fail_if_not_exists !== false) {
      throw invalidFormBody([{ path: ['message_reference'], code: 'REPLIES_UNKNOWN_MESSAGE', message: 'Unknown message' }]);
    }
  }
  const message = createMessage(ctx.state, {
    channelId: channel.id,
    authorId: ctx.state.bot.id,
    payload,
    files: ctx.files,
    type: reference ? MessageType.Reply : MessageType.Default,
    ...(reference ? { extra: { message_reference: { type: 0, channel_id: channel.id, message_id: reference.message_id } } } : {}),
  });
  if (nonce !== undefined) ctx.state.messages.noteNonce(channel.id, ctx.state.bot.id, nonce, String(message.data.id), now);
  return { body: asApiMessage(message.data) };
}

function patchMessage(ctx: RouteContext) {
  channelForBot(ctx.state, ctx.params.channelId as string);
  const message = visibleMessage(ctx);
  if (message.authorId !== ctx.state.bot.id) throw cannotEditOthersMessage();
  assertValidBody(ctx.state.settings, 'MessageEditRequestPartial', ctx.body, () => checkMessageLimits(ctx.body));
  return { body: asApiMessage(editMessage(ctx.state, message, ctx.body as JsonObject, ctx.files).data) };
}

function deleteMessage(ctx: RouteContext) {
  const channel = channelForBot(ctx.state, ctx.params.channelId as string);
  const message = visibleMessage(ctx);
  if (message.authorId !== ctx.state.bot.id) {
    const canManage = channel.type !== ChannelKind.DM && hasAll(botPermissionsIn(ctx.state, channel), Permission.ManageMessages);
    if (!canManage) throw missingPermissions();
  }
  ctx.state.messages.delete(String(message.data.id));
  return { status: 204 };
}

export const channelRoutes: RouteDef[] = [
  { method: 'GET', path: '/channels/:channelId', auth: 'bot', handle: getChannel },
  { method: 'GET', path: '/channels/:channelId/messages', auth: 'bot', handle: listMessages },
  { method: 'POST', path: '/channels/:channelId/messages', auth: 'bot', bucket: 'message-create', handle: postMessage },
  { method: 'GET', path: '/channels/:channelId/messages/:messageId', auth: 'bot', handle: getMessage },
  { method: 'PATCH', path: '/channels/:channelId/messages/:messageId', auth: 'bot', bucket: 'message-edit', handle: patchMessage },
  { method: 'DELETE', path: '/channels/:channelId/messages/:messageId', auth: 'bot', handle: deleteMessage },
];
