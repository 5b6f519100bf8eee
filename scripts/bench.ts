// npm run bench: measures the bot against its floors and writes the figures to scripts/bench/results/.
// Not part of npm test (a smoke test runs each scenario at a tiny size there).
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { runBenchmarks } from './bench/scenarios.ts';
import type { Size } from './bench/measure.ts';

const size: Size = process.argv.includes('--smoke') ? 'smoke' : 'full';
const only = process.argv.find((a) => a.startsWith('--only='))?.slice('--only='.length);
const figures = await runBenchmarks(size, only, (line) => console.error(line));

const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
console.log(`\nAI-300 bot benchmarks (${size}) on ${machine}\n`);
console.log('| scenario | metric | value | floor | ratio | target | met |');
console.log('|---|---|---|---|---|---|---|');
for (const f of figures) {
  console.log(
    `| ${f.scenario} | ${f.metric} | ${f.value} ${f.unit} | ${f.floor ?? ''} | ${f.ratio ?? ''} | ${f.target ?? ''} | ${f.met === undefined ? '' : f.met ? 'yes' : '**no**'} |`,
  );
}
mkdirSync('scripts/bench/results', { recursive: true });
// A partial run must not overwrite the full record the README quotes.
const file = `scripts/bench/results/${only ? `only-${only}` : size === 'full' ? 'latest' : 'smoke'}.json`;
writeFileSync(file, JSON.stringify({ date: new Date().toISOString(), machine, size, figures }, null, 2));
console.log(`\nWritten to ${file}`);
