// Hands rendered messages to discord.js as they are. The renderers already produce Discord's API
// JSON (checked against its limits); passed as plain objects, discord.js would deep-copy every
// embed through its camelCase-to-snake_case transformer and rebuild every action row with
// builders, which is most of what a reply allocates (and so of the garbage collector's pauses).
import type { JSONEncodable } from 'discord.js';
import type { MessagePayload } from '../render/limits.ts';

const asIs = <T>(data: T): JSONEncodable<T> => ({ toJSON: () => data });

export function forDiscord<P extends MessagePayload>(payload: P) {
  const { files, ...rest } = payload;
  return {
    ...rest,
    embeds: payload.embeds.map(asIs),
    components: payload.components.map(asIs),
    // discord.js uploads these as multipart and lists them as the message's attachments, replacing earlier ones.
    ...(files && { files: files.map((file) => ({ attachment: file.data, name: file.name, ...(file.description && { description: file.description }) })) }),
  };
}
