// Profiles of a benchmark process over its measured run only, so start-up and warm-up stay out of
// them (node --cpu-prof is refused in NODE_OPTIONS and would cover the whole process anyway).
// BENCH_CPU_PROF=<dir>: a .cpuprofile; BENCH_HEAP_PROF=<dir>: a sampling .heapprofile of every
// allocation, including what the garbage collector has already freed.
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { join } from 'node:path';

export interface RunProfile {
  /** Stops profiling and writes `<name>-<pid>.cpuprofile` / `.heapprofile`. */
  save(name: string): Promise<void>;
}

/** Starts the profiles the environment asks for; undefined when it asks for none. */
export async function profileThisProcess(): Promise<RunProfile | undefined> {
  const cpuDir = process.env.BENCH_CPU_PROF;
  const heapDir = process.env.BENCH_HEAP_PROF;
  if (!cpuDir && !heapDir) return undefined;
  const session = new Session();
  session.connect();
  if (cpuDir) {
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: 500 });
    await session.post('Profiler.start');
  }
  if (heapDir)
    await session.post('HeapProfiler.startSampling', {
      samplingInterval: 4096,
      includeObjectsCollectedByMajorGC: true,
      includeObjectsCollectedByMinorGC: true,
    });
  return {
    async save(name) {
      if (cpuDir) writeFileSync(join(cpuDir, `${name}-${process.pid}.cpuprofile`), JSON.stringify((await session.post('Profiler.stop')).profile));
      if (heapDir)
        writeFileSync(join(heapDir, `${name}-${process.pid}.heapprofile`), JSON.stringify((await session.post('HeapProfiler.stopSampling')).profile));
      session.disconnect();
    },
  };
}
