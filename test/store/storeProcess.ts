// A second bot process on the same store, for the cross-process tests: run with
// `node --import tsx test/store/storeProcess.ts <task> <store url> ...`; prints one JSON line.
import { DailyScheduler, type PostJob } from '../../src/bot/daily/scheduler.ts';
import { openKeyValue } from '../../src/store/kv.ts';
import { StudyStore } from '../../src/store/studyStore.ts';
import { testClock, testContext } from '../helpers/botContext.ts';
import { answer } from './tempStore.ts';

const [task, url, ...args] = process.argv.slice(2);
const kv = await openKeyValue(url!);

if (task === 'answers') {
  // `count` answers for one member at once, serve ids from `first` on; half of them correct.
  const [guild, user, first, count] = args;
  const store = new StudyStore(kv);
  const outcomes = await Promise.all(
    Array.from({ length: Number(count) }, (_, i) => {
      const n = Number(first) + i;
      return store.recordAnswer(guild!, user!, answer({ serve: `s${n}`, correct: n % 2 === 0, letter: n % 2 === 0 ? 'A' : 'B' }));
    }),
  );
  console.log(JSON.stringify({ recorded: outcomes.filter((o) => o.status === 'recorded').length }));
} else if (task === 'sweep') {
  // One daily sweep at `at`, with a gateway that takes a moment to send and reports what it sent.
  const [guild, at] = args;
  const sent: PostJob[] = [];
  const ctx = await testContext({ kv, clock: testClock(at!) });
  const scheduler = new DailyScheduler(
    {
      guildIds: () => [guild!],
      send: async (job) => {
        await new Promise((resolve) => setTimeout(resolve, 50));
        sent.push(job);
        return { status: 'posted' };
      },
      reveal: async () => undefined,
    },
    ctx,
  );
  await scheduler.sweep();
  console.log(JSON.stringify({ sent }));
} else {
  throw new Error(`unknown task ${task}`);
}
await kv.close();
