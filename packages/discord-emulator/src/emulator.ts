// The public facade: starts the HTTP + Gateway server on 127.0.0.1 and exposes world
// building, user actions, state reads, fault injection, violations and the clock.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { APIApplicationCommand, APIMessage, APIUser } from 'discord-api-types/v10';
import { createClock, createSnowflakeGenerator, type Clock } from './clock.ts';
import { asApiCommand, CommandRegistry } from './commands/command-registry.ts';
import { EmulatorEvents, waitUntil, type EmulatorEventMap, type EmulatorEventName, type RequestLogEntry, type Violation } from './events.ts';
import { GatewayServer } from './gateway/gateway-server.ts';
import { FaultInjector } from './http/faults.ts';
import { DEFAULT_RATE_LIMITS, RateLimiter, type RateLimitSettings } from './http/rate-limits.ts';
import { formatViolations, RequestLog } from './http/request-log.ts';
import { attachmentIdFromUrl, createRestHandler } from './http/rest-server.ts';
import { createRouter } from './http/routes.ts';
import { InteractionStore } from './interactions/interaction-store.ts';
import type { InteractionHandle } from './interactions/interaction-handle.ts';
import * as actions from './interactions/user-actions.ts';
import { AttachmentStore, type StoredAttachment } from './messages/attachment-store.ts';
import { createMessage } from './messages/message-ops.ts';
import { asApiMessage, MessageStore } from './messages/message-store.ts';
import type { EmulatorSettings, EmulatorState } from './state.ts';
import { serializeUser, serializeWorld } from './world/serialize.ts';
import { WorldBuilder, type ChannelOptions, type CreateGuildOptions, type GuildInfo } from './world/world-builder.ts';
import { World, type OverwriteInput, type PermissionInput } from './world/world.ts';

export interface EmulatorOptions {
  /** Default 0: a random free port. */
  port?: number;
  /** Bot token the emulator accepts (REST `Authorization: Bot <token>` and IDENTIFY). */
  token?: string;
  /** Application id = the bot user's id. */
  applicationId?: string;
  botUsername?: string;
  /** Initial response deadline (Discord: 3000 ms). */
  interactionDeadlineMs?: number;
  /** Interaction token lifetime (Discord: 15 min). */
  tokenLifetimeMs?: number;
  /** Injected clock for deadlines, token expiry, timestamps and snowflakes. */
  now?: () => number;
  /** HELLO heartbeat_interval (Discord: 41250 ms). */
  heartbeatIntervalMs?: number;
  rateLimits?: Partial<RateLimitSettings>;
  /** Validate bodies against the OpenAPI spec (default true). */
  schemaValidation?: boolean;
  /** Record interactions left unanswered past the deadline as violations (default true). */
  reportUnansweredInteractions?: boolean;
  /** Default timeout of the wait helpers (default 5000 ms). */
  waitTimeoutMs?: number;
  /** The shard count GET /gateway/bot recommends (default 1). */
  recommendedShards?: number;
}

export const DEFAULT_APPLICATION_ID = '1180000000000000001';

/** A fake token shaped like Discord's (first segment = base64 of the bot id). */
export function fakeToken(applicationId: string): string {
  return `${Buffer.from(applicationId).toString('base64url')}.emulator.not-a-real-discord-token`;
}

export interface WaitOptions {
  timeoutMs?: number;
  description?: string;
}

export class DiscordEmulator {
  readonly token: string;
  readonly applicationId: string;
  /** Inject REST faults (429, 5xx, latency) at runtime. */
  readonly faults = new FaultInjector();
  readonly world: WorldBuilder;

  private readonly state: EmulatorState;
  private readonly gateway: GatewayServer;
  private readonly rateLimiter: RateLimiter;
  private readonly server: Server;
  private readonly events = new EmulatorEvents();
  private readonly log: RequestLog;

  private constructor(options: EmulatorOptions) {
    const clock: Clock = createClock(options.now);
    const nextId = createSnowflakeGenerator(clock);
    this.applicationId = options.applicationId ?? DEFAULT_APPLICATION_ID;
    this.token = options.token ?? fakeToken(this.applicationId);
    const settings: EmulatorSettings = {
      token: this.token,
      applicationId: this.applicationId,
      interactionDeadlineMs: options.interactionDeadlineMs ?? 3000,
      tokenLifetimeMs: options.tokenLifetimeMs ?? 15 * 60 * 1000,
      schemaValidation: options.schemaValidation ?? true,
      heartbeatIntervalMs: options.heartbeatIntervalMs ?? 41_250,
      reportUnansweredInteractions: options.reportUnansweredInteractions ?? true,
      recommendedShards: options.recommendedShards ?? 1,
    };
    const world = new World(nextId, clock.now);
    const bot = world.addUser({ id: this.applicationId, username: options.botUsername ?? 'StudyBot', bot: true });
    this.log = new RequestLog(this.events);
    this.gateway = new GatewayServer({
      settings,
      world,
      bot,
      events: this.events,
      nextId,
      wsBase: () => this.state.baseUrl.replace(/^http/, 'ws'),
    });
    this.state = {
      settings,
      clock,
      nextId,
      world,
      commands: new CommandRegistry(this.applicationId, nextId),
      messages: new MessageStore(this.events),
      attachments: new AttachmentStore(),
      interactions: new InteractionStore(),
      events: this.events,
      gateway: this.gateway,
      log: this.log,
      bot,
      baseUrl: '',
      waitTimeoutMs: options.waitTimeoutMs ?? 5000,
    };
    this.world = new WorldBuilder(this.state);
    this.rateLimiter = new RateLimiter({ ...DEFAULT_RATE_LIMITS, ...options.rateLimits });
    const handler = createRestHandler({ state: this.state, router: createRouter(), rateLimiter: this.rateLimiter, faults: this.faults, log: this.log });
    this.server = createServer((req, res) => void handler(req, res));
    this.server.on('upgrade', (req, socket, head) => this.gateway.handleUpgrade(req, socket, head));
  }

  static async start(options: EmulatorOptions = {}): Promise<DiscordEmulator> {
    const emulator = new DiscordEmulator(options);
    await new Promise<void>((resolve, reject) => {
      emulator.server.once('error', reject);
      emulator.server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
    });
    const { port } = emulator.server.address() as AddressInfo;
    emulator.state.baseUrl = `http://127.0.0.1:${port}`;
    return emulator;
  }

  /** For `new Client({ rest: { api: emulator.apiUrl } })`; discord.js appends /v10. */
  get apiUrl(): string {
    return `${this.state.baseUrl}/api`;
  }

  get baseUrl(): string {
    return this.state.baseUrl;
  }

  get gatewayUrl(): string {
    return `${this.state.baseUrl.replace(/^http/, 'ws')}/gateway`;
  }

  get botUser(): APIUser {
    return serializeUser(this.state.bot) as unknown as APIUser;
  }

  // ---- settings at runtime -------------------------------------------------------------

  /** Live settings (deadline, token lifetime, schema validation...) — mutate to reconfigure. */
  get settings(): EmulatorSettings {
    return this.state.settings;
  }

  /** Live rate-limit model — mutate to reconfigure. */
  get rateLimits(): RateLimitSettings {
    return this.rateLimiter.settings;
  }

  resetRateLimits(): void {
    this.rateLimiter.reset();
  }

  // ---- world building --------------------------------------------------------------------

  createUser(input: { id?: string; username: string; globalName?: string; locale?: string }): APIUser {
    return this.world.createUser(input) as unknown as APIUser;
  }

  createGuild(options: CreateGuildOptions): GuildInfo {
    return this.world.createGuild(options);
  }

  createRole(guildId: string, input: { name: string; permissions?: PermissionInput; color?: number; hoist?: boolean }): { id: string } {
    return this.world.createRole(guildId, input) as { id: string };
  }

  addMember(guildId: string, userId: string, options: { roles?: string[]; nick?: string } = {}): void {
    this.world.addMember(guildId, userId, options);
  }

  createTextChannel(guildId: string, options: ChannelOptions): { id: string } {
    return this.world.createTextChannel(guildId, options) as { id: string };
  }

  /** Replaces a channel's permission overwrites (dispatches CHANNEL_UPDATE). */
  setChannelOverwrites(channelId: string, overwrites: OverwriteInput[]): void {
    this.world.updateChannel(channelId, { overwrites });
  }

  /** Deletes a guild channel and its messages (dispatches CHANNEL_DELETE). */
  deleteChannel(channelId: string): void {
    this.world.deleteChannel(channelId);
  }

  /** The DM channel between the bot and this user (created on first use). */
  dmChannel(userId: string): string {
    return this.state.world.dmChannelFor(userId).id;
  }

  /** A message written by a user (no gateway event: the bot has no message intents). */
  postUserMessage(input: { userId: string; channelId: string; content: string }): APIMessage {
    const message = createMessage(this.state, { channelId: input.channelId, authorId: input.userId, payload: { content: input.content } });
    return asApiMessage(message.data);
  }

  // ---- acting as a user --------------------------------------------------------------------

  slash(action: actions.SlashAction): InteractionHandle {
    return actions.slash(this.state, action);
  }

  autocomplete(action: actions.AutocompleteAction): InteractionHandle {
    return actions.autocomplete(this.state, action);
  }

  click(action: actions.ClickAction): InteractionHandle {
    return actions.click(this.state, action);
  }

  select(action: actions.SelectAction): InteractionHandle {
    return actions.select(this.state, action);
  }

  submitModal(action: actions.ModalSubmitAction): InteractionHandle {
    return actions.submitModal(this.state, action);
  }

  // ---- reading state -----------------------------------------------------------------------

  /** Messages of a channel, oldest first, as `as` (a user id) sees them; without `as`, only public ones. */
  messages(channelId: string, options: { as?: string } = {}): APIMessage[] {
    return this.state.messages.inChannel(channelId, options.as).map((m) => asApiMessage(m.data));
  }

  /** An uploaded attachment's name, type and bytes, by its id or URL (undefined once forgotten or never uploaded). */
  attachment(idOrUrl: string): StoredAttachment | undefined {
    const id = idOrUrl.includes('/') ? attachmentIdFromUrl(idOrUrl) : idOrUrl;
    return id ? this.state.attachments.get(id) : undefined;
  }

  getMessage(id: string): APIMessage | undefined {
    const message = this.state.messages.get(id);
    return message ? asApiMessage(message.data) : undefined;
  }

  /**
   * A server admin's per-member override of a command (Server Settings > Integrations): when
   * allowed, the member can run it even without its default_member_permissions.
   */
  setCommandOverride(guildId: string, commandName: string, userId: string, allowed: boolean): void {
    this.state.commands.setUserOverride(guildId, commandName, userId, allowed);
  }

  /** Registered commands: global without a guild id, else that guild's. */
  commands(guildId?: string): APIApplicationCommand[] {
    return this.state.commands.list(guildId).map(asApiCommand);
  }

  /** Users, guilds (with roles, channels, members) and DM channels as API objects. */
  snapshot(): ReturnType<typeof serializeWorld> {
    return serializeWorld(this.state.world);
  }

  get violations(): Violation[] {
    return [...this.log.violations];
  }

  get requests(): RequestLogEntry[] {
    return [...this.log.requests];
  }

  assertNoViolations(): void {
    if (this.log.violations.length > 0) {
      throw new Error(`Discord emulator recorded ${this.log.violations.length} violation(s):\n${formatViolations(this.log.violations)}`);
    }
  }

  clearViolations(): void {
    this.log.violations.length = 0;
  }

  on<E extends EmulatorEventName>(event: E, listener: (...args: EmulatorEventMap[E]) => void): this {
    this.events.on(event, listener as never);
    return this;
  }

  off<E extends EmulatorEventName>(event: E, listener: (...args: EmulatorEventMap[E]) => void): this {
    this.events.off(event, listener as never);
    return this;
  }

  /** Resolves with the args of the next `event` whose args satisfy `predicate`. */
  waitFor<E extends EmulatorEventName>(
    event: E,
    predicate: (...args: EmulatorEventMap[E]) => boolean = () => true,
    options: WaitOptions = {},
  ): Promise<EmulatorEventMap[E]> {
    let hit: EmulatorEventMap[E] | undefined;
    const listener = (...args: EmulatorEventMap[E]) => {
      if (hit === undefined && predicate(...args)) hit = args;
    };
    this.events.on(event, listener as never);
    return waitUntil(this.events, [event], () => hit, options.timeoutMs ?? this.state.waitTimeoutMs, options.description ?? `event ${event}`).finally(() =>
      this.events.off(event, listener as never),
    );
  }

  /** Resolves with the first stored message (existing or future, created or updated) matching `predicate`. */
  waitForMessage(predicate: (message: APIMessage) => boolean, options: WaitOptions & { channelId?: string } = {}): Promise<APIMessage> {
    const find = () => {
      const channels = options.channelId ? [options.channelId] : [...this.state.world.channels.keys()];
      for (const channelId of channels) {
        for (const stored of this.state.messages.allInChannel(channelId)) {
          const message = asApiMessage(stored.data);
          if (predicate(message)) return message;
        }
      }
      return undefined;
    };
    return waitUntil(
      this.events,
      ['messageCreate', 'messageUpdate'],
      find,
      options.timeoutMs ?? this.state.waitTimeoutMs,
      options.description ?? 'a matching message',
    );
  }

  // ---- gateway -------------------------------------------------------------------------------

  /** Whether a bot has identified (its session may be momentarily disconnected and resuming). */
  get botConnected(): boolean {
    return this.gateway.connectedSessions > 0;
  }

  /** Resolves when a bot session has identified (READY sent). */
  waitForBotIdentify(timeoutMs = this.state.waitTimeoutMs): Promise<void> {
    return waitUntil(this.events, ['gatewayIdentify'], () => (this.gateway.connectedSessions > 0 ? true : undefined), timeoutMs, 'a bot to IDENTIFY').then(
      () => undefined,
    );
  }

  /** The shards connected now, as [id, count], one entry per identified session. */
  get connectedShards(): [number, number][] {
    return this.gateway.shards;
  }

  /** Resolves when `count` sessions (shards) are connected at once. */
  waitForShards(count: number, timeoutMs = this.state.waitTimeoutMs): Promise<void> {
    return waitUntil(
      this.events,
      ['gatewayIdentify', 'gatewayResume'],
      () => (this.gateway.shards.length >= count ? true : undefined),
      timeoutMs,
      `${count} shards to connect`,
    ).then(() => undefined);
  }

  /** Closes the bot's gateway connection abnormally; the client must reconnect and RESUME. */
  dropGatewayConnection(): number {
    return this.gateway.dropConnections();
  }

  /** Sends op 7 RECONNECT. */
  requestGatewayReconnect(): void {
    this.gateway.requestReconnect();
  }

  /** Sends op 9 INVALID_SESSION (not resumable): the client identifies again. */
  invalidateGatewaySession(): void {
    this.gateway.invalidateSessions();
  }

  // ---- clock ------------------------------------------------------------------------------

  now(): number {
    return this.state.clock.now();
  }

  /** Moves emulator time forward: interaction deadlines and webhook tokens expire accordingly. */
  advanceTime(ms: number): void {
    this.state.clock.advance(ms);
  }

  async close(): Promise<void> {
    this.state.interactions.clearTimers();
    await this.gateway.close();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.events.removeAllListeners();
  }
}

export function startEmulator(options: EmulatorOptions = {}): Promise<DiscordEmulator> {
  return DiscordEmulator.start(options);
}
