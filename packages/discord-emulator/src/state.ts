// Everything REST handlers, the gateway and user actions share. Built once per emulator.
import type { Clock } from './clock.ts';
import type { CommandRegistry } from './commands/command-registry.ts';
import type { EmulatorEvents } from './events.ts';
import type { InteractionStore } from './interactions/interaction-store.ts';
import type { AttachmentStore } from './messages/attachment-store.ts';
import type { MessageStore } from './messages/message-store.ts';
import type { World } from './world/world.ts';
import type { RequestLog } from './http/request-log.ts';
import type { UserRecord } from './world/types.ts';
import type { JsonObject } from './world/serialize.ts';

export interface EmulatorSettings {
  token: string;
  applicationId: string;
  /** Time allowed for the initial interaction response (Discord: 3000 ms). */
  interactionDeadlineMs: number;
  /** Interaction token (webhook) lifetime (Discord: 15 minutes). */
  tokenLifetimeMs: number;
  schemaValidation: boolean;
  heartbeatIntervalMs: number;
  /** Record interactions that got no initial response in time as violations. */
  reportUnansweredInteractions: boolean;
  /** The shard count GET /gateway/bot recommends. */
  recommendedShards: number;
}

/** Gateway intents the emulator cares about. */

export interface GatewayDispatcher {
  /** Sends a dispatch to every identified bot session (buffered for resume when disconnected). */
  dispatch(event: string, data: JsonObject, requiredIntent?: number): void;
  hasSession(): boolean;
}

export interface EmulatorState {
  settings: EmulatorSettings;
  clock: Clock;
  nextId: () => string;
  world: World;
  commands: CommandRegistry;
  messages: MessageStore;
  /** Bytes of uploaded attachments, by attachment id. */
  attachments: AttachmentStore;
  interactions: InteractionStore;
  events: EmulatorEvents;
  gateway: GatewayDispatcher;
  log: RequestLog;
  /** Default timeout of the handles' wait helpers. */
  waitTimeoutMs: number;
  bot: UserRecord;
  /** http://127.0.0.1:PORT, known once listening. */
  baseUrl: string;
}
