// The Gateway at the wire level with a raw `ws` client: opcodes, sequence numbers, RESUME replay.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { shardOf, startEmulator, type DiscordEmulator } from '../src/index.ts';

interface Payload {
  op: number;
  t?: string | null;
  s?: number | null;
  d?: any;
}

/** A raw gateway connection that queues payloads so tests can await them in order. */
class RawGateway {
  readonly received: Payload[] = [];
  private waiters: (() => void)[] = [];
  readonly ws: WebSocket;
  closeCode?: number;

  constructor(url: string) {
    this.ws = new WebSocket(url);
    this.ws.on('message', (data) => {
      this.received.push(JSON.parse(data.toString()) as Payload);
      for (const w of this.waiters.splice(0)) w();
    });
    this.ws.on('close', (code) => {
      this.closeCode = code;
      for (const w of this.waiters.splice(0)) w();
    });
  }

  send(payload: Payload): void {
    this.ws.send(JSON.stringify(payload));
  }

  async next(predicate: (p: Payload) => boolean = () => true): Promise<Payload> {
    for (;;) {
      const index = this.received.findIndex(predicate);
      if (index >= 0) return this.received.splice(index, 1)[0]!;
      if (this.closeCode !== undefined) throw new Error(`socket closed with ${this.closeCode}`);
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('no payload within 2s')), 2000);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  async closed(): Promise<number> {
    while (this.closeCode === undefined) await new Promise((resolve) => setTimeout(resolve, 5));
    return this.closeCode;
  }
}

describe('gateway protocol', () => {
  let emu: DiscordEmulator;
  let guildId: string;
  const sockets: RawGateway[] = [];
  const open = (url: string) => {
    const socket = new RawGateway(url);
    sockets.push(socket);
    return socket;
  };

  beforeEach(async () => {
    emu = await startEmulator({ heartbeatIntervalMs: 45_000 });
    guildId = emu.createGuild({ name: 'Raw' }).id;
  });

  afterEach(async () => {
    for (const s of sockets.splice(0)) s.ws.terminate();
    await emu.close();
  });

  it('HELLO, IDENTIFY -> READY (s=1) + GUILD_CREATE (s=2), heartbeat ACK, then dispatches in sequence', async () => {
    const gw = open(`${emu.gatewayUrl}?v=10&encoding=json`);
    const hello = await gw.next();
    expect(hello).toMatchObject({ op: 10, d: { heartbeat_interval: 45_000 } });
    gw.send({ op: 2, d: { token: emu.token, intents: 1, properties: {}, shard: [0, 1] } });
    const ready = await gw.next();
    expect(ready).toMatchObject({ op: 0, t: 'READY', s: 1 });
    expect(ready.d.user.id).toBe(emu.applicationId);
    expect(ready.d.application).toEqual({ id: emu.applicationId, flags: 0 });
    expect(ready.d.guilds).toEqual([{ id: guildId, unavailable: true }]);
    expect(ready.d.resume_gateway_url).toMatch(/^ws:\/\/127\.0\.0\.1:\d+\/gateway\/resume$/);
    const guildCreate = await gw.next();
    expect(guildCreate).toMatchObject({ op: 0, t: 'GUILD_CREATE', s: 2, d: { id: guildId, unavailable: false } });
    expect(guildCreate.d.members.map((m: any) => m.user.id)).toEqual([emu.applicationId]);

    gw.send({ op: 1, d: 2 });
    expect(await gw.next()).toEqual({ op: 11 });

    emu.createTextChannel(guildId, { name: 'a' });
    emu.createTextChannel(guildId, { name: 'b' });
    expect(await gw.next()).toMatchObject({ t: 'CHANNEL_CREATE', s: 3, d: { name: 'a' } });
    expect(await gw.next()).toMatchObject({ t: 'CHANNEL_CREATE', s: 4, d: { name: 'b' } });
  });

  it('RESUME replays exactly the missed dispatches, then RESUMED with the next sequence number', async () => {
    const gw = open(`${emu.gatewayUrl}?v=10&encoding=json`);
    await gw.next();
    gw.send({ op: 2, d: { token: emu.token, intents: 1, properties: {} } });
    const ready = await gw.next();
    await gw.next(); // GUILD_CREATE s=2
    emu.createTextChannel(guildId, { name: 'seen' }); // s=3, received
    expect((await gw.next()).s).toBe(3);

    emu.dropGatewayConnection();
    expect(await gw.closed()).toBe(1006);
    emu.createTextChannel(guildId, { name: 'missed-1' }); // s=4, buffered
    emu.createTextChannel(guildId, { name: 'missed-2' }); // s=5, buffered

    const again = open(`${ready.d.resume_gateway_url}?v=10&encoding=json`);
    await again.next(); // HELLO
    again.send({ op: 6, d: { token: emu.token, session_id: ready.d.session_id, seq: 3 } });
    expect(await again.next()).toMatchObject({ t: 'CHANNEL_CREATE', s: 4, d: { name: 'missed-1' } });
    expect(await again.next()).toMatchObject({ t: 'CHANNEL_CREATE', s: 5, d: { name: 'missed-2' } });
    expect(await again.next()).toMatchObject({ op: 0, t: 'RESUMED', s: 6 });
  });

  it('answers an unknown session with op 9 and closes on bad tokens, unknown opcodes and pre-identify payloads', async () => {
    const resume = open(`${emu.gatewayUrl}?v=10&encoding=json`);
    await resume.next();
    resume.send({ op: 6, d: { token: emu.token, session_id: 'nope', seq: 1 } });
    expect(await resume.next()).toEqual({ op: 9, d: false });

    const badToken = open(`${emu.gatewayUrl}?v=10&encoding=json`);
    await badToken.next();
    badToken.send({ op: 2, d: { token: 'wrong', intents: 1, properties: {} } });
    expect(await badToken.closed()).toBe(4004);

    const unknownOp = open(`${emu.gatewayUrl}?v=10&encoding=json`);
    await unknownOp.next();
    unknownOp.send({ op: 99, d: null });
    expect(await unknownOp.closed()).toBe(4001);

    const early = open(`${emu.gatewayUrl}?v=10&encoding=json`);
    await early.next();
    early.send({ op: 3, d: { status: 'online', since: null, activities: [], afk: false } });
    expect(await early.closed()).toBe(4003);

    const wrongVersion = open(`${emu.gatewayUrl}?v=9&encoding=json`);
    expect(await wrongVersion.closed()).toBe(4012);
  });

  it('shards: each session gets the guilds of its shard, and their events; GET /gateway/bot recommends the configured count', async () => {
    await emu.close();
    emu = await startEmulator({ heartbeatIntervalMs: 45_000, recommendedShards: 2 });
    // Snowflakes whose (id >> 22) % 2 differ: one guild per shard.
    const base = (BigInt('1200000000000000000') >> 23n) << 23n;
    const onShard = (shard: number) => String(base + BigInt(shard) * (1n << 22n));
    expect([shardOf(onShard(0), 2), shardOf(onShard(1), 2)]).toEqual([0, 1]);
    const guilds = [emu.createGuild({ id: onShard(0), name: 'Zero' }).id, emu.createGuild({ id: onShard(1), name: 'One' }).id];
    const gateway = await fetch(`${emu.apiUrl}/v10/gateway/bot`, { headers: { Authorization: `Bot ${emu.token}` } });
    expect(((await gateway.json()) as { shards: number }).shards).toBe(2);

    const shards = [0, 1].map((id) => {
      const gw = open(`${emu.gatewayUrl}?v=10&encoding=json`);
      return { id, gw };
    });
    for (const { id, gw } of shards) {
      await gw.next();
      gw.send({ op: 2, d: { token: emu.token, intents: 1, properties: {}, shard: [id, 2] } });
      const ready = await gw.next((p) => p.t === 'READY');
      expect(ready.d.shard).toEqual([id, 2]);
      expect(ready.d.guilds).toEqual([{ id: guilds[id], unavailable: true }]);
      expect((await gw.next((p) => p.t === 'GUILD_CREATE')).d.id).toBe(guilds[id]);
    }
    await emu.waitForShards(2);
    emu.createTextChannel(guilds[1]!, { name: 'for-one' });
    emu.createTextChannel(guilds[0]!, { name: 'for-zero' });
    expect((await shards[0]!.gw.next((p) => p.t === 'CHANNEL_CREATE')).d.name).toBe('for-zero');
    expect((await shards[1]!.gw.next((p) => p.t === 'CHANNEL_CREATE')).d.name).toBe('for-one');
    // Nothing of the other shard's guild arrived.
    expect(shards[0]!.gw.received.filter((p) => p.t === 'CHANNEL_CREATE')).toEqual([]);
    expect(shards[1]!.gw.received.filter((p) => p.t === 'CHANNEL_CREATE')).toEqual([]);
  });
});
