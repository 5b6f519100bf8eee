// The Gateway (JSON encoding, no compression): HELLO, IDENTIFY -> READY + GUILD_CREATEs,
// heartbeats, RESUME with replay of missed dispatches, and dispatches to identified sessions.
// Sharding as Discord does it: a session identified as shard [id, count] receives the guilds with
// (guild_id >> 22) % count === id, and direct-message events go to shard 0.
import { GatewayCloseCodes, GatewayIntentBits, GatewayOpcodes } from 'discord-api-types/v10';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket, type RawData } from 'ws';
import type { EmulatorEvents } from '../events.ts';
import type { EmulatorSettings, GatewayDispatcher } from '../state.ts';
import { serializeGuildCreate, serializeMember, serializeUser, type JsonObject } from '../world/serialize.ts';
import type { UserRecord } from '../world/types.ts';
import type { World } from '../world/world.ts';

export const GATEWAY_PATH = '/gateway';
export const RESUME_PATH = '/gateway/resume';
const HISTORY_LIMIT = 2000;

interface DispatchPayload {
  op: 0;
  t: string;
  s: number;
  d: unknown;
}

interface Session {
  id: string;
  intents: number;
  /** [shard id, shard count]. */
  shard: [number, number];
  seq: number;
  history: DispatchPayload[];
  socket?: WebSocket;
}

export interface GatewayDeps {
  settings: EmulatorSettings;
  world: World;
  bot: UserRecord;
  events: EmulatorEvents;
  nextId: () => string;
  /** ws://127.0.0.1:PORT */
  wsBase: () => string;
}

export class GatewayServer implements GatewayDispatcher {
  private readonly wss = new WebSocketServer({ noServer: true });
  private readonly sessions = new Map<string, Session>();
  private readonly sockets = new Set<WebSocket>();

  constructor(private readonly deps: GatewayDeps) {}

  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = new URL(req.url ?? '/', 'http://emulator.invalid');
    if (url.pathname !== GATEWAY_PATH && url.pathname !== RESUME_PATH) {
      socket.destroy();
      return;
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => this.onConnection(ws, url.searchParams));
  }

  hasSession(): boolean {
    return this.sessions.size > 0;
  }

  /** Connected and identified sessions (a resuming session counts once it has resumed). */
  get connectedSessions(): number {
    return [...this.sessions.values()].filter((s) => s.socket).length;
  }

  dispatch(event: string, data: JsonObject, requiredIntent?: number): void {
    // Guild events carry guild_id; the guild objects themselves (GUILD_CREATE/DELETE) their id.
    const guildId = typeof data.guild_id === 'string' ? data.guild_id : event.startsWith('GUILD_') && typeof data.id === 'string' ? data.id : undefined;
    for (const session of this.sessions.values()) {
      if (requiredIntent !== undefined && (session.intents & requiredIntent) === 0) continue;
      if (shardOf(guildId, session.shard[1]) !== session.shard[0]) continue;
      this.dispatchTo(session, event, data);
    }
  }

  /** The shards of the identified sessions, as [id, count]. */
  get shards(): [number, number][] {
    return [...this.sessions.values()].filter((s) => s.socket).map((s) => s.shard);
  }

  /** Closes every bot connection abnormally (no close frame): clients must reconnect and RESUME. */
  dropConnections(): number {
    let dropped = 0;
    for (const session of this.sessions.values()) {
      if (!session.socket) continue;
      session.socket.terminate();
      dropped++;
    }
    return dropped;
  }

  /** Sends op 7 RECONNECT: the client closes and resumes. */
  requestReconnect(): void {
    for (const session of this.sessions.values()) session.socket?.send(JSON.stringify({ op: GatewayOpcodes.Reconnect, d: null }));
  }

  /** Sends op 9 INVALID_SESSION (not resumable) and forgets the sessions: clients re-identify. */
  invalidateSessions(): void {
    for (const session of this.sessions.values()) session.socket?.send(JSON.stringify({ op: GatewayOpcodes.InvalidSession, d: false }));
    this.sessions.clear();
  }

  async close(): Promise<void> {
    for (const ws of this.sockets) ws.terminate();
    this.sessions.clear();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }

  private onConnection(ws: WebSocket, query: URLSearchParams): void {
    this.sockets.add(ws);
    const connection: { session?: Session } = {};
    ws.on('close', (code) => {
      this.sockets.delete(ws);
      const session = connection.session;
      if (!session || session.socket !== ws) return;
      session.socket = undefined;
      // A clean close by the client ends the session; anything else leaves it resumable.
      if (code === 1000 || code === 1001) this.sessions.delete(session.id);
      this.deps.events.emit('gatewayDisconnect', session.id, code);
    });
    ws.on('error', () => undefined);
    if (query.get('v') !== '10') {
      ws.close(GatewayCloseCodes.InvalidAPIVersion, 'Invalid API version');
      return;
    }
    if ((query.get('encoding') ?? 'json') !== 'json' || query.has('compress')) {
      ws.close(GatewayCloseCodes.DecodeError, 'Only JSON encoding without compression is emulated');
      return;
    }
    send(ws, { op: GatewayOpcodes.Hello, d: { heartbeat_interval: this.deps.settings.heartbeatIntervalMs, _trace: ['discord-emulator'] } });
    ws.on('message', (data) => this.onMessage(ws, connection, data));
  }

  private onMessage(ws: WebSocket, connection: { session?: Session }, data: RawData): void {
    let payload: { op?: unknown; d?: unknown };
    try {
      payload = JSON.parse(data.toString());
    } catch {
      ws.close(GatewayCloseCodes.DecodeError, 'Decode error');
      return;
    }
    const d = (typeof payload.d === 'object' && payload.d !== null ? payload.d : {}) as Record<string, unknown>;
    switch (payload.op) {
      case GatewayOpcodes.Heartbeat:
        send(ws, { op: GatewayOpcodes.HeartbeatAck });
        return;
      case GatewayOpcodes.Identify:
        this.identify(ws, connection, d);
        return;
      case GatewayOpcodes.Resume:
        this.resume(ws, connection, d);
        return;
      case GatewayOpcodes.PresenceUpdate:
      case GatewayOpcodes.VoiceStateUpdate:
        if (!connection.session) ws.close(GatewayCloseCodes.NotAuthenticated, 'Not authenticated');
        return;
      case GatewayOpcodes.RequestGuildMembers:
        if (!connection.session) ws.close(GatewayCloseCodes.NotAuthenticated, 'Not authenticated');
        else this.sendMemberChunk(connection.session, d);
        return;
      default:
        ws.close(GatewayCloseCodes.UnknownOpcode, 'Unknown opcode');
    }
  }

  private identify(ws: WebSocket, connection: { session?: Session }, d: Record<string, unknown>): void {
    if (connection.session) {
      ws.close(GatewayCloseCodes.AlreadyAuthenticated, 'Already authenticated');
      return;
    }
    if (d.token !== this.deps.settings.token) {
      ws.close(GatewayCloseCodes.AuthenticationFailed, 'Authentication failed');
      return;
    }
    if (typeof d.intents !== 'number' || !Number.isInteger(d.intents) || d.intents < 0) {
      ws.close(GatewayCloseCodes.InvalidIntents, 'Invalid intent(s)');
      return;
    }
    const shard = d.shard;
    if (shard !== undefined && (!Array.isArray(shard) || shard.length !== 2 || shard[0] >= shard[1] || shard[1] < 1)) {
      ws.close(GatewayCloseCodes.InvalidShard, 'Invalid shard');
      return;
    }
    const shardPair: [number, number] = Array.isArray(shard) ? [Number(shard[0]), Number(shard[1])] : [0, 1];
    const session: Session = { id: `${this.deps.nextId().slice(-16)}emu`, intents: d.intents, shard: shardPair, seq: 0, history: [], socket: ws };
    this.sessions.set(session.id, session);
    connection.session = session;
    const guilds = [...this.deps.world.guilds.values()].filter((g) => g.members.has(this.deps.bot.id) && shardOf(g.id, shardPair[1]) === shardPair[0]);
    this.dispatchTo(session, 'READY', {
      v: 10,
      user: { ...serializeUser(this.deps.bot), verified: true, mfa_enabled: false, email: null },
      guilds: guilds.map((g) => ({ id: g.id, unavailable: true })),
      session_id: session.id,
      session_type: 'normal',
      resume_gateway_url: `${this.deps.wsBase()}${RESUME_PATH}`,
      shard: shardPair,
      application: { id: this.deps.settings.applicationId, flags: 0 },
      private_channels: [],
      presences: [],
      relationships: [],
      guild_join_requests: [],
      geo_ordered_rtc_regions: [],
      user_settings: {},
      _trace: ['discord-emulator'],
    });
    if ((session.intents & GatewayIntentBits.Guilds) !== 0) {
      for (const guild of guilds) this.dispatchTo(session, 'GUILD_CREATE', serializeGuildCreate(this.deps.world, guild, this.deps.bot.id));
    }
    this.deps.events.emit('gatewayIdentify', session.id);
  }

  private resume(ws: WebSocket, connection: { session?: Session }, d: Record<string, unknown>): void {
    const session = typeof d.session_id === 'string' ? this.sessions.get(d.session_id) : undefined;
    const seq = typeof d.seq === 'number' ? d.seq : -1;
    const oldest = session?.history[0]?.s ?? 1;
    if (!session || d.token !== this.deps.settings.token || seq > session.seq || seq < oldest - 1) {
      send(ws, { op: GatewayOpcodes.InvalidSession, d: false });
      return;
    }
    if (session.socket && session.socket !== ws) session.socket.terminate();
    session.socket = ws;
    connection.session = session;
    const missed = session.history.filter((p) => p.s > seq);
    for (const payload of missed) send(ws, payload);
    this.dispatchTo(session, 'RESUMED', { _trace: ['discord-emulator'] });
    this.deps.events.emit('gatewayResume', session.id, missed.length);
  }

  private sendMemberChunk(session: Session, d: Record<string, unknown>): void {
    const guild = typeof d.guild_id === 'string' ? this.deps.world.guilds.get(d.guild_id) : undefined;
    if (!guild) return;
    const query = typeof d.query === 'string' ? d.query.toLowerCase() : '';
    const userIds = Array.isArray(d.user_ids) ? d.user_ids.map(String) : typeof d.user_ids === 'string' ? [d.user_ids] : undefined;
    const limit = typeof d.limit === 'number' && d.limit > 0 ? d.limit : Number.POSITIVE_INFINITY;
    const members = [...guild.members.values()]
      .filter((m) => (userIds ? userIds.includes(m.userId) : (this.deps.world.users.get(m.userId)?.username ?? '').toLowerCase().startsWith(query)))
      .slice(0, limit);
    this.dispatchTo(session, 'GUILD_MEMBERS_CHUNK', {
      guild_id: guild.id,
      members: members.map((m) => serializeMember(this.deps.world, m)),
      chunk_index: 0,
      chunk_count: 1,
      ...(userIds ? { not_found: userIds.filter((id) => !guild.members.has(id)) } : {}),
      ...(d.nonce !== undefined ? { nonce: d.nonce } : {}),
    });
  }

  private dispatchTo(session: Session, event: string, data: unknown): void {
    const payload: DispatchPayload = { op: 0, t: event, s: ++session.seq, d: data };
    session.history.push(payload);
    if (session.history.length > HISTORY_LIMIT) session.history.shift();
    if (session.socket) send(session.socket, payload);
  }
}

/** Discord's shard formula; events without a guild (direct messages) belong to shard 0. */
export function shardOf(guildId: string | undefined, shardCount: number): number {
  if (guildId === undefined) return 0;
  return Number((BigInt(guildId) >> 22n) % BigInt(shardCount));
}

function send(ws: WebSocket, payload: unknown): void {
  if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(payload));
}
