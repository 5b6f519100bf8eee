// Turns a validated request payload into the message object Discord would store and return.
import { MessageFlags } from 'discord-api-types/v10';
import type { JsonObject } from '../world/serialize.ts';

/** Flags a client may set on create; Discord ignores the rest. */
const SETTABLE_ON_CREATE = MessageFlags.SuppressEmbeds | MessageFlags.Ephemeral | MessageFlags.SuppressNotifications | MessageFlags.IsComponentsV2;
/** Flags that may change on edit. */
const SETTABLE_ON_EDIT = MessageFlags.SuppressEmbeds | MessageFlags.IsComponentsV2;

export interface UploadedFile {
  index: number;
  filename: string;
  contentType: string;
  size: number;
  data: Buffer;
}

/** Keeps an uploaded file's bytes under the attachment id it was given. */
export type SaveAttachment = (id: string, file: UploadedFile) => void;

export interface NewMessage {
  id: string;
  channelId: string;
  guildId?: string;
  author: JsonObject;
  timestamp: number;
  payload: JsonObject;
  /** 0 default, 19 reply, 20 chat input command response. */
  type: number;
  extraFlags?: number;
  webhookId?: string;
  applicationId?: string;
  interactionMetadata?: JsonObject;
  /** Deprecated `interaction` field discord.js still reads. */
  interaction?: JsonObject;
  files?: UploadedFile[];
  attachmentBaseUrl: string;
  saveAttachment?: SaveAttachment;
  resolveUser: (id: string) => JsonObject | undefined;
}

export function buildMessage(input: NewMessage): JsonObject {
  const p = input.payload;
  const flags = ((typeof p.flags === 'number' ? p.flags : 0) & SETTABLE_ON_CREATE) | (input.extraFlags ?? 0);
  const content = typeof p.content === 'string' ? p.content : '';
  return {
    id: input.id,
    channel_id: input.channelId,
    ...(input.guildId ? { guild_id: input.guildId } : {}),
    author: input.author,
    content,
    timestamp: new Date(input.timestamp).toISOString(),
    edited_timestamp: null,
    tts: p.tts === true,
    ...resolveMentions(content, p.allowed_mentions, input.resolveUser),
    mention_channels: [],
    attachments: attachmentsFor(p, input.files ?? [], input.attachmentBaseUrl, input.channelId, undefined, input.saveAttachment),
    embeds: normalizeEmbeds(p.embeds),
    components: normalizeComponents(p.components),
    reactions: [],
    pinned: false,
    type: input.type,
    flags,
    ...(input.webhookId ? { webhook_id: input.webhookId } : {}),
    ...(input.applicationId ? { application_id: input.applicationId } : {}),
    ...(input.interactionMetadata ? { interaction_metadata: input.interactionMetadata } : {}),
    ...(input.interaction ? { interaction: input.interaction } : {}),
    ...(isObject(p.poll) ? { poll: p.poll } : {}),
  };
}

/** Applies a PATCH payload; only fields present in the payload change (null clears). */
export function applyEdit(
  message: JsonObject,
  payload: JsonObject,
  editedAt: number,
  context: { files?: UploadedFile[]; attachmentBaseUrl: string; saveAttachment?: SaveAttachment; resolveUser: (id: string) => JsonObject | undefined },
): JsonObject {
  const next: JsonObject = { ...message, edited_timestamp: new Date(editedAt).toISOString() };
  if ('content' in payload) {
    next.content = typeof payload.content === 'string' ? payload.content : '';
    Object.assign(next, resolveMentions(next.content as string, payload.allowed_mentions, context.resolveUser));
  }
  if ('embeds' in payload) next.embeds = normalizeEmbeds(payload.embeds);
  if ('components' in payload) next.components = normalizeComponents(payload.components);
  if ('attachments' in payload || (context.files?.length ?? 0) > 0) {
    next.attachments = attachmentsFor(
      payload,
      context.files ?? [],
      context.attachmentBaseUrl,
      String(message.channel_id),
      message.attachments,
      context.saveAttachment,
    );
  }
  if (typeof payload.flags === 'number') {
    const current = Number(message.flags ?? 0);
    next.flags = (current & ~SETTABLE_ON_EDIT) | (payload.flags & SETTABLE_ON_EDIT);
  }
  return next;
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function normalizeEmbeds(embeds: unknown): JsonObject[] {
  if (!Array.isArray(embeds)) return [];
  return embeds.filter(isObject).map((embed) => {
    const out: JsonObject = { type: 'rich' };
    for (const [key, value] of Object.entries(embed)) if (value !== null && value !== undefined) out[key] = value;
    out.type = 'rich';
    return out;
  });
}

/** Discord numbers every component of a message (the `id` field) when the sender did not. */
function normalizeComponents(components: unknown): JsonObject[] {
  if (!Array.isArray(components)) return [];
  let next = 1;
  const used = new Set<number>();
  const collect = (node: unknown) => {
    if (!isObject(node)) return;
    if (typeof node.id === 'number') used.add(node.id);
    for (const child of childComponents(node)) collect(child);
  };
  components.forEach(collect);
  const number = (node: JsonObject): JsonObject => {
    const out: JsonObject = {};
    for (const [key, value] of Object.entries(node)) if (value !== null && value !== undefined) out[key] = value;
    if (typeof out.id !== 'number') {
      while (used.has(next)) next++;
      out.id = next++;
    }
    if (Array.isArray(node.components)) out.components = node.components.filter(isObject).map(number);
    if (isObject(node.accessory)) out.accessory = number(node.accessory);
    return out;
  };
  return components.filter(isObject).map(number);
}

export function childComponents(node: JsonObject): JsonObject[] {
  const children: JsonObject[] = [];
  if (Array.isArray(node.components)) children.push(...node.components.filter(isObject));
  if (isObject(node.accessory)) children.push(node.accessory);
  return children;
}

/** Every component of a message, depth-first (rows, containers, sections and their children). */
export function allComponents(components: unknown): JsonObject[] {
  const out: JsonObject[] = [];
  const walk = (node: JsonObject) => {
    out.push(node);
    childComponents(node).forEach(walk);
  };
  if (Array.isArray(components)) components.filter(isObject).forEach(walk);
  return out;
}

/**
 * Who a message pings, as Discord decides it: without `allowed_mentions` every user, role and
 * @everyone/@here written in the content pings; with it, only the kinds in `parse` and the ids listed.
 */
function resolveMentions(content: string, allowed: unknown, resolveUser: (id: string) => JsonObject | undefined): JsonObject {
  const rules = isObject(allowed) ? allowed : undefined;
  const parse = rules && Array.isArray(rules.parse) ? (rules.parse as unknown[]) : undefined;
  const allows = (kind: 'users' | 'roles' | 'everyone', id?: string) => {
    if (!rules) return true;
    if (parse?.includes(kind)) return true;
    const listed = rules[kind];
    return id !== undefined && Array.isArray(listed) && listed.includes(id);
  };
  const userIds = new Set([...content.matchAll(/<@!?(\d+)>/g)].map((m) => m[1] as string).filter((id) => allows('users', id)));
  const roleIds = new Set([...content.matchAll(/<@&(\d+)>/g)].map((m) => m[1] as string).filter((id) => allows('roles', id)));
  return {
    mention_everyone: /@(everyone|here)\b/.test(content) && allows('everyone'),
    mentions: [...userIds].map(resolveUser).filter((u): u is JsonObject => u !== undefined),
    mention_roles: [...roleIds],
  };
}

function attachmentsFor(
  payload: JsonObject,
  files: UploadedFile[],
  baseUrl: string,
  channelId: string,
  existing?: unknown,
  save?: SaveAttachment,
): JsonObject[] {
  const kept = Array.isArray(existing) ? (existing as JsonObject[]) : [];
  const requested = Array.isArray(payload.attachments) ? payload.attachments.filter(isObject) : [];
  const out: JsonObject[] = [];
  for (const entry of requested) {
    const previous = kept.find((a) => a.id === String(entry.id));
    if (previous) {
      out.push(previous);
      continue;
    }
    const file = files.find((f) => String(f.index) === String(entry.id));
    if (file) out.push(attachment(file, typeof entry.description === 'string' ? entry.description : undefined, baseUrl, channelId, save));
  }
  for (const file of files) {
    if (!requested.some((entry) => String(entry.id) === String(file.index))) out.push(attachment(file, undefined, baseUrl, channelId, save));
  }
  return out;
}

/** As on Discord, an embed image or thumbnail at `attachment://<filename>` points at that attachment's URL. */
export function resolveAttachmentUrls(message: JsonObject): JsonObject {
  const attachments = Array.isArray(message.attachments) ? (message.attachments as JsonObject[]) : [];
  if (!Array.isArray(message.embeds) || attachments.length === 0) return message;
  const resolve = (media: unknown): unknown => {
    if (!isObject(media) || typeof media.url !== 'string' || !media.url.startsWith('attachment://')) return media;
    const name = media.url.slice('attachment://'.length);
    const found = attachments.find((a) => a.filename === name);
    return found ? { ...media, url: found.url, proxy_url: found.proxy_url } : media;
  };
  const embeds = (message.embeds as JsonObject[]).map((embed) => ({
    ...embed,
    ...(embed.image !== undefined && { image: resolve(embed.image) }),
    ...(embed.thumbnail !== undefined && { thumbnail: resolve(embed.thumbnail) }),
  }));
  return { ...message, embeds };
}

let attachmentCounter = 0;

function attachment(file: UploadedFile, description: string | undefined, baseUrl: string, channelId: string, save?: SaveAttachment): JsonObject {
  const id = `${Date.now()}${String(attachmentCounter++).padStart(4, '0')}`;
  save?.(id, file);
  const url = `${baseUrl}/attachments/${channelId}/${id}/${encodeURIComponent(file.filename)}`;
  return {
    id,
    filename: file.filename,
    ...(description ? { description } : {}),
    content_type: file.contentType,
    size: file.size,
    url,
    proxy_url: url,
  };
}
