// The benchmark scenarios, in the order they run.
import type { Figure, Size } from './measure.ts';
import { answerThroughput } from './throughput.ts';
import { storeScale } from './storeScale.ts';
import { interactionLatency } from './latency.ts';
import { dailyFanout } from './fanout.ts';
import { footprint } from './footprint.ts';
import { postgresStore } from './postgres.ts';
import { sessionLoad } from './session.ts';
import { shardedFanout } from './shardedFanout.ts';
import { chartsScenario } from './charts.ts';

export const SCENARIOS: Record<string, (size: Size) => Promise<Figure[]>> = {
  throughput: answerThroughput,
  scale: storeScale,
  latency: interactionLatency,
  fanout: dailyFanout,
  session: sessionLoad,
  footprint,
  postgres: postgresStore,
  shards: shardedFanout,
  charts: chartsScenario,
};

export async function runBenchmarks(size: Size, only: string | undefined, log: (line: string) => void): Promise<Figure[]> {
  const figures: Figure[] = [];
  for (const [name, run] of Object.entries(SCENARIOS)) {
    if (only && only !== name) continue;
    log(`running ${name} (${size})...`);
    const started = Date.now();
    figures.push(...(await run(size)));
    log(`  ${name} done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
  return figures;
}
