import { describe, expect, it } from 'vitest';
import { DailyScheduler, type DailyChannelGateway, type PostJob, type SendOutcome } from '../../src/bot/daily/scheduler.ts';
import { localTime } from '../../src/domain/daily/clock.ts';
import { openKeyValue, type KeyValue } from '../../src/store/kv.ts';
import { testClock, testContext, type TestClock } from '../helpers/botContext.ts';

const GUILD = '100000000000000001';

/** Records every send, and which post each one replaced as its channel's open post (as the real gateway does). */
function fakeGateway(behaviour: (job: PostJob, call: number) => 'ok' | SendOutcome | Error | 'hang' = () => 'ok') {
  const sent: PostJob[] = [];
  const revealed: string[] = [];
  const open = new Map<string, string>();
  let calls = 0;
  const gateway: DailyChannelGateway = {
    guildIds: () => [GUILD],
    send: async (job) => {
      const outcome = behaviour(job, calls++);
      if (outcome === 'hang') return new Promise<SendOutcome>(() => undefined);
      if (outcome instanceof Error) throw outcome;
      if (outcome !== 'ok') return outcome;
      sent.push(job);
      const replacedPostId = open.get(job.channelId);
      open.set(job.channelId, job.postId);
      return { status: 'posted', ...(replacedPostId && replacedPostId !== job.postId && { replacedPostId }) };
    },
    reveal: async (_guild, postId) => {
      revealed.push(postId);
    },
  };
  return { gateway, sent, revealed };
}

async function configure(kv: KeyValue, clock: TestClock, channels: { id: string; minutes: number; timezone: string }[]) {
  const ctx = await testContext({ kv, clock });
  await ctx.daily.store.updateConfig(GUILD, (config) => {
    for (const c of channels) config.channels[c.id] = { channelId: c.id, minutes: c.minutes, timezone: c.timezone, configuredBy: '1', configuredAt: 0 };
    return { save: true, result: undefined };
  });
}

function postsPerLocalDay(sent: PostJob[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const job of sent) counts.set(`${job.channelId}:${job.localDate}`, (counts.get(`${job.channelId}:${job.localDate}`) ?? 0) + 1);
  return counts;
}

function unknownChannel(): SendOutcome {
  return { status: 'channel-gone', reason: 'the channel no longer exists' };
}

describe('daily scheduler', () => {
  it('posts exactly once per channel per local day across restarts and overlapping ticks', async () => {
    const kv = await openKeyValue('memory://');
    const clock = testClock('2026-06-01T00:00:00Z');
    await configure(kv, clock, [
      { id: '200000000000000001', minutes: 8 * 60, timezone: 'Europe/Paris' },
      { id: '200000000000000002', minutes: 23 * 60 + 59, timezone: 'America/Los_Angeles' },
      { id: '200000000000000003', minutes: 0, timezone: 'Asia/Tokyo' },
    ]);
    const { gateway, sent } = fakeGateway();
    let scheduler = new DailyScheduler(gateway, await testContext({ kv, clock }));
    for (let minute = 0; minute < 3 * 24 * 60; minute++) {
      clock.set(new Date(Date.parse('2026-06-01T00:00:00Z') + minute * 60_000));
      if (minute % 301 === 0) scheduler = new DailyScheduler(gateway, await testContext({ kv, clock })); // a restart
      if (minute % 5 === 0)
        await Promise.all([scheduler.sweep(), scheduler.sweep(), scheduler.sweep()]); // overlapping ticks
      else await scheduler.sweep();
    }
    const counts = postsPerLocalDay(sent);
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
    // Every local day whose post time falls inside the three days simulated.
    expect([...counts.keys()].sort()).toEqual([
      '200000000000000001:2026-06-01',
      '200000000000000001:2026-06-02',
      '200000000000000001:2026-06-03',
      '200000000000000002:2026-05-31',
      '200000000000000002:2026-06-01',
      '200000000000000002:2026-06-02',
      '200000000000000003:2026-06-01',
      '200000000000000003:2026-06-02',
      '200000000000000003:2026-06-03',
      '200000000000000003:2026-06-04',
    ]);
  });

  it('two schedulers over the same store do not both post a claimed day', async () => {
    const kv = await openKeyValue('memory://');
    const clock = testClock('2026-06-01T06:00:00Z');
    await configure(kv, clock, [{ id: '200000000000000001', minutes: 8 * 60, timezone: 'Europe/Paris' }]);
    const { gateway, sent } = fakeGateway();
    const a = new DailyScheduler(gateway, await testContext({ kv, clock }));
    const b = new DailyScheduler(gateway, await testContext({ kv, clock }));
    await a.sweep();
    await b.sweep();
    expect(sent).toHaveLength(1);
  });

  it('posts late, once, when the bot comes back the same local day', async () => {
    const kv = await openKeyValue('memory://');
    const clock = testClock('2026-06-01T05:00:00Z'); // 07:00 Paris
    await configure(kv, clock, [{ id: '200000000000000001', minutes: 8 * 60, timezone: 'Europe/Paris' }]);
    const { gateway, sent } = fakeGateway();
    const before = new DailyScheduler(gateway, await testContext({ kv, clock }));
    await before.sweep();
    expect(sent).toHaveLength(0);
    // Down from 07:00 to 13:00 local; back up at 13:00.
    clock.set('2026-06-01T11:00:00Z');
    const after = new DailyScheduler(gateway, await testContext({ kv, clock }));
    await after.sweep();
    await after.sweep();
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ localDate: '2026-06-01', late: true });
  });

  it('skips a day the bot was down for entirely and posts on time the next day', async () => {
    const kv = await openKeyValue('memory://');
    const clock = testClock('2026-06-01T05:00:00Z');
    await configure(kv, clock, [{ id: '200000000000000001', minutes: 8 * 60, timezone: 'Europe/Paris' }]);
    const { gateway, sent } = fakeGateway();
    clock.set('2026-06-02T06:00:00Z'); // 08:00 Paris the next day
    await new DailyScheduler(gateway, await testContext({ kv, clock })).sweep();
    expect(sent.map((job) => [job.localDate, job.late])).toEqual([['2026-06-02', false]]);
  });

  it('neither skips nor doubles a day across daylight-saving changes', async () => {
    for (const [zone, start] of [
      ['Europe/Paris', '2026-03-27T00:00:00Z'],
      ['Europe/Paris', '2026-10-23T00:00:00Z'],
      ['America/New_York', '2026-03-06T06:00:00Z'],
      ['America/New_York', '2026-10-30T05:00:00Z'],
    ] as const) {
      const kv = await openKeyValue('memory://');
      const clock = testClock(start);
      // 02:30 falls in the spring gap and is repeated in the autumn overlap.
      await configure(kv, clock, [{ id: '200000000000000001', minutes: 150, timezone: zone }]);
      const { gateway, sent } = fakeGateway();
      const scheduler = new DailyScheduler(gateway, await testContext({ kv, clock }));
      for (let minute = 0; minute < 5 * 24 * 60; minute++) {
        clock.set(new Date(Date.parse(start) + minute * 60_000));
        await scheduler.sweep();
      }
      const days = sent.map((job) => job.localDate);
      expect(new Set(days).size, `${zone} from ${start}`).toBe(days.length);
      expect(days.length, `${zone} from ${start}`).toBeGreaterThanOrEqual(4);
      // Every post lands at 02:30 local, or at 03:00 on the day 02:30 does not exist.
      for (const job of sent) expect(job.late, `${zone} ${job.localDate}`).toBe(false);
    }
  });

  it('finishes an interrupted send with the same post id after a restart, and only that day', async () => {
    const kv = await openKeyValue('memory://');
    const clock = testClock('2026-06-01T06:00:00Z');
    await configure(kv, clock, [{ id: '200000000000000001', minutes: 8 * 60, timezone: 'Europe/Paris' }]);
    const hung = fakeGateway(() => 'hang');
    const crashed = new DailyScheduler(hung.gateway, await testContext({ kv, clock }));
    void crashed.sweep(); // the process dies while the message is being sent
    await new Promise((resolve) => setTimeout(resolve, 10));
    const claim = (await (await testContext({ kv, clock })).daily.store.getConfig(GUILD)).channels['200000000000000001']!;
    expect(claim.sendingPostId).toBeDefined();

    // While the claim is fresh, its process may still be sending: another process leaves it alone.
    clock.set('2026-06-01T06:05:00Z');
    const { gateway, sent } = fakeGateway();
    await new DailyScheduler(gateway, await testContext({ kv, clock })).sweep();
    expect(sent).toHaveLength(0);
    clock.set('2026-06-01T06:10:00Z');
    await new DailyScheduler(gateway, await testContext({ kv, clock })).sweep();
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ postId: claim.sendingPostId, recovering: true });
  });

  it('reports a deleted channel, keeps its schedule, retries the next day and still posts elsewhere', async () => {
    const kv = await openKeyValue('memory://');
    const clock = testClock('2026-06-01T06:00:00Z');
    const gone = '200000000000000009';
    const fine = '200000000000000001';
    await configure(kv, clock, [
      { id: gone, minutes: 8 * 60, timezone: 'Europe/Paris' },
      { id: fine, minutes: 8 * 60, timezone: 'Europe/Paris' },
    ]);
    const attempts: string[] = [];
    const { gateway, sent } = fakeGateway((job) => {
      attempts.push(`${job.channelId}:${job.localDate}`);
      return job.channelId === gone ? unknownChannel() : 'ok';
    });
    const ctx = await testContext({ kv, clock });
    const scheduler = new DailyScheduler(gateway, ctx);
    const result = await scheduler.sweep();
    expect(result.failed.map((f) => f.reason)).toEqual(['the channel no longer exists']);
    expect(sent.map((job) => job.channelId)).toEqual([fine]);
    const schedule = (await ctx.daily.store.getConfig(GUILD)).channels[gone]!;
    expect(schedule.lastError?.message).toBe('the channel no longer exists');
    // Not retried again the same day...
    clock.set('2026-06-01T09:00:00Z');
    await scheduler.sweep();
    expect(attempts.filter((a) => a === `${gone}:2026-06-01`)).toHaveLength(1);
    // ...but tried again the next day.
    clock.set('2026-06-02T06:00:00Z');
    await scheduler.sweep();
    expect(attempts).toContain(`${gone}:2026-06-02`);
  });

  it('retries a passing failure on the next sweep the same day', async () => {
    const kv = await openKeyValue('memory://');
    const clock = testClock('2026-06-01T06:00:00Z');
    await configure(kv, clock, [{ id: '200000000000000001', minutes: 8 * 60, timezone: 'Europe/Paris' }]);
    const { gateway, sent } = fakeGateway((_job, call) => (call === 0 ? new Error('socket hang up') : 'ok'));
    const scheduler = new DailyScheduler(gateway, await testContext({ kv, clock }));
    await scheduler.sweep();
    expect(sent).toHaveLength(0);
    clock.advance(60_000);
    await scheduler.sweep();
    expect(sent).toHaveLength(1);
  });

  it('reveals the previous post once the next one is out', async () => {
    const kv = await openKeyValue('memory://');
    const clock = testClock('2026-06-01T06:00:00Z');
    await configure(kv, clock, [{ id: '200000000000000001', minutes: 8 * 60, timezone: 'Europe/Paris' }]);
    const { gateway, sent, revealed } = fakeGateway();
    const scheduler = new DailyScheduler(gateway, await testContext({ kv, clock }));
    await scheduler.sweep();
    expect(revealed).toEqual([]);
    clock.set('2026-06-02T06:00:00Z');
    await scheduler.sweep();
    expect(revealed).toEqual([sent[0]!.postId]);
    expect(localTime(clock.now(), 'Europe/Paris').date).toBe(sent[1]!.localDate);
  });
});
