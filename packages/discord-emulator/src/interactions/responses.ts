// Interaction responses as messages: the original response (reply, "thinking" placeholder or
// the updated component message) and follow-ups, all tagged with interaction_metadata.
import { InteractionType, MessageFlags } from 'discord-api-types/v10';
import { alreadyAcknowledged, invalidWebhookToken, unknownInteraction, unknownMessage, unknownWebhook } from '../errors.ts';
import type { UploadedFile } from '../messages/message-builder.ts';
import { createMessage, editMessage } from '../messages/message-ops.ts';
import { isLoading, type StoredMessage } from '../messages/message-store.ts';
import type { EmulatorState } from '../state.ts';
import { serializeUser, type JsonObject } from '../world/serialize.ts';
import type { InteractionRecord } from './interaction-store.ts';

const MessageType = { Default: 0, ChatInputCommand: 20 } as const;

/** Looks up the interaction for a callback: unknown, already answered or too late are Discord errors. */
export function interactionForCallback(state: EmulatorState, id: string, token: string, receivedAt: number): InteractionRecord {
  const record = state.interactions.get(id);
  if (!record || record.token !== token) throw unknownInteraction();
  if (record.response) throw alreadyAcknowledged();
  if (receivedAt - record.createdAt > state.settings.interactionDeadlineMs) throw unknownInteraction();
  return record;
}

/** Looks up the interaction behind a webhook token; expired tokens answer 401 50027 like Discord. */
export function interactionForWebhook(state: EmulatorState, webhookId: string, token: string): InteractionRecord {
  if (webhookId !== state.settings.applicationId) throw unknownWebhook();
  const record = state.interactions.byTokenValue(token);
  if (!record) throw invalidWebhookToken();
  if (state.clock.now() - record.createdAt > state.settings.tokenLifetimeMs) throw invalidWebhookToken();
  return record;
}

function metadata(state: EmulatorState, record: InteractionRecord, extra: JsonObject = {}): JsonObject {
  const user = serializeUser(state.world.requireUser(record.userId));
  return {
    id: record.id,
    type: record.type,
    user,
    authorizing_integration_owners: record.payload.authorizing_integration_owners,
    ...(record.commandName ? { name: record.commandName, command_type: 1 } : {}),
    ...(record.sourceMessageId ? { interacted_message_id: record.sourceMessageId } : {}),
    ...extra,
  };
}

function responseMessage(
  state: EmulatorState,
  record: InteractionRecord,
  payload: JsonObject,
  options: { files?: UploadedFile[]; loading?: boolean; followUpOf?: string },
): StoredMessage {
  const ephemeral = typeof payload.flags === 'number' && (payload.flags & MessageFlags.Ephemeral) !== 0;
  const user = serializeUser(state.world.requireUser(record.userId));
  const isOriginalCommandReply = record.type === InteractionType.ApplicationCommand && !options.followUpOf;
  return createMessage(state, {
    channelId: record.channelId,
    authorId: state.bot.id,
    payload,
    files: options.files,
    type: isOriginalCommandReply ? MessageType.ChatInputCommand : MessageType.Default,
    extraFlags: options.loading ? MessageFlags.Loading : 0,
    recipientId: ephemeral ? record.userId : undefined,
    interactionId: record.id,
    webhookId: state.settings.applicationId,
    applicationId: state.settings.applicationId,
    interactionMetadata: metadata(state, record, options.followUpOf ? { original_response_message_id: options.followUpOf } : {}),
    interaction: { id: record.id, type: record.type, name: record.commandName ?? '', user },
  });
}

export function createOriginalResponse(
  state: EmulatorState,
  record: InteractionRecord,
  payload: JsonObject,
  files: UploadedFile[],
  loading: boolean,
): StoredMessage {
  const message = responseMessage(state, record, payload, { files, loading });
  record.originalMessageId = String(message.data.id);
  return message;
}

/**
 * Follow-up message. As on Discord, the first follow-up after a deferred reply replaces the
 * "thinking" placeholder (keeping its ephemerality) instead of posting a new message.
 */
export function createFollowUp(state: EmulatorState, record: InteractionRecord, payload: JsonObject, files: UploadedFile[]): StoredMessage {
  if (!record.response) throw unknownWebhook();
  const original = record.originalMessageId ? state.messages.get(record.originalMessageId) : undefined;
  if (original && isLoading(original) && original.interactionId === record.id) {
    return editMessage(state, original, { ...payload, flags: undefined }, files);
  }
  const message = responseMessage(state, record, payload, { files, followUpOf: record.originalMessageId });
  record.followUpIds.push(String(message.data.id));
  return message;
}

/** The message behind `@original` or a follow-up id, if it belongs to this interaction. */
export function interactionMessage(state: EmulatorState, record: InteractionRecord, messageId: string): StoredMessage {
  const id = messageId === '@original' ? record.originalMessageId : messageId;
  const belongs = id !== undefined && (id === record.originalMessageId || record.followUpIds.includes(id));
  const message = belongs ? state.messages.get(id) : undefined;
  if (!message) throw unknownMessage();
  return message;
}
