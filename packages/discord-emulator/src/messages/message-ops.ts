// Creating and editing stored messages: shared by channel routes and interaction responses.
import { MessageFlags } from 'discord-api-types/v10';
import { emptyMessage, invalidFormBody } from '../errors.ts';
import type { EmulatorState } from '../state.ts';
import { serializeUser, type JsonObject } from '../world/serialize.ts';
import { checkUploads } from '../validation/attachment-limits.ts';
import { applyEdit, buildMessage, resolveAttachmentUrls, type SaveAttachment, type UploadedFile } from './message-builder.ts';
import type { StoredMessage } from './message-store.ts';

export interface CreateOptions {
  channelId: string;
  authorId: string;
  payload: JsonObject;
  files?: UploadedFile[];
  type?: number;
  extraFlags?: number;
  recipientId?: string;
  interactionId?: string;
  webhookId?: string;
  applicationId?: string;
  interactionMetadata?: JsonObject;
  interaction?: JsonObject;
  /** Extra API fields, e.g. message_reference for replies. */
  extra?: JsonObject;
}

/** Refuses uploads Discord would refuse, before anything is stored. */
function assertUploads(payload: JsonObject, files: UploadedFile[], existing?: unknown): void {
  const problems = checkUploads(payload, files, Array.isArray(existing) ? existing : []);
  if (problems.length > 0) throw invalidFormBody(problems);
}

function saver(state: EmulatorState): SaveAttachment {
  return (id, file) => state.attachments.save(id, { filename: file.filename, contentType: file.contentType, data: file.data });
}

export function createMessage(state: EmulatorState, options: CreateOptions): StoredMessage {
  const channel = state.world.requireChannel(options.channelId);
  const author = state.world.requireUser(options.authorId);
  assertUploads(options.payload, options.files ?? []);
  const built = buildMessage({
    id: state.nextId(),
    channelId: channel.id,
    guildId: channel.guildId,
    author: serializeUser(author),
    timestamp: state.clock.now(),
    payload: options.payload,
    type: options.type ?? 0,
    extraFlags: options.extraFlags,
    webhookId: options.webhookId,
    applicationId: options.applicationId,
    interactionMetadata: options.interactionMetadata,
    interaction: options.interaction,
    files: options.files,
    attachmentBaseUrl: state.baseUrl,
    saveAttachment: saver(state),
    resolveUser: (id) => userJson(state, id),
  });
  const data = resolveAttachmentUrls(built);
  if (options.extra) Object.assign(data, options.extra);
  if (options.recipientId === undefined) channel.lastMessageId = String(data.id);
  return state.messages.add({
    data,
    authorId: author.id,
    ...(options.recipientId !== undefined ? { recipientId: options.recipientId } : {}),
    ...(options.interactionId !== undefined ? { interactionId: options.interactionId } : {}),
  });
}

/** Applies an edit; a deferred ("thinking") message stops loading. Rejects edits that empty the message. */
export function editMessage(state: EmulatorState, stored: StoredMessage, payload: JsonObject, files: UploadedFile[] = []): StoredMessage {
  assertUploads(payload, files, stored.data.attachments);
  let next = applyEdit(stored.data, payload, state.clock.now(), {
    files,
    attachmentBaseUrl: state.baseUrl,
    saveAttachment: saver(state),
    resolveUser: (id) => userJson(state, id),
  });
  next = resolveAttachmentUrls({ ...next, flags: Number(next.flags ?? 0) & ~MessageFlags.Loading });
  if (!hasVisibleContent(next)) throw emptyMessage();
  return state.messages.replace(String(stored.data.id), next);
}

/** Content Discord would display: text, embeds, components, attachments, stickers or a poll. */
export function hasVisibleContent(message: JsonObject): boolean {
  const nonEmpty = (value: unknown) => Array.isArray(value) && value.length > 0;
  return (
    (typeof message.content === 'string' && message.content.length > 0) ||
    nonEmpty(message.embeds) ||
    nonEmpty(message.components) ||
    nonEmpty(message.attachments) ||
    nonEmpty(message.sticker_ids) ||
    (typeof message.poll === 'object' && message.poll !== null)
  );
}

/** For a create request: the payload (plus uploaded files) must show something. */
export function assertNotEmpty(payload: JsonObject, files: UploadedFile[]): void {
  if (files.length === 0 && !hasVisibleContent(payload)) throw emptyMessage();
}

function userJson(state: EmulatorState, id: string): JsonObject | undefined {
  const user = state.world.users.get(id);
  return user ? serializeUser(user) : undefined;
}
