// npm run chart-samples: draws the README's example charts (src/render/charts/samples/*.png) with the bot's own
// renderers, from made-up figures over the real domain names.
import { mkdirSync, writeFileSync } from 'node:fs';
import { DOMAIN_IDS } from '../src/content/ids.ts';
import { loadCheckedContent } from '../src/render/contentChecks.ts';
import { EXAM_CHART, STATS_CHART, examChartPng, statsChartPng } from '../src/render/charts/index.ts';
import { weightLabel } from '../src/render/style.ts';

const content = loadCheckedContent();
const names = DOMAIN_IDS.map((id) => content.domainById.get(id)!);
const mastery = [0.74, 0.61, 0.68, 0.52, 0.79];
const readiness = [0.48, 0.5, 0.53, 0.52, 0.57, 0.6, 0.59, 0.63, 0.65, 0.66];
const days = [2, 3, 5, 8, 10, 13, 17, 20, 24, 28];
const day = (n: number) => new Date(Date.UTC(2026, 10, 4 + n)).toISOString().slice(0, 10);

mkdirSync('src/render/charts/samples', { recursive: true });
writeFileSync(
  `src/render/charts/samples/${STATS_CHART.name}`,
  await statsChartPng({
    title: 'Readiness 66% (weighted by the exam) · 214 answers',
    mastery: names.map((domain, i) => ({ label: domain.name, value: mastery[i]!, note: `${30 + i * 9} answered` })),
    readiness: readiness.map((value, i) => ({ day: day(days[i]!), value })),
    from: day(0),
    to: day(29),
    passLine: 0.7,
  }),
);
const right = [7, 11, 9, 4, 6];
const asked = [9, 15, 12, 7, 7];
writeFileSync(
  `src/render/charts/samples/${EXAM_CHART.name}`,
  await examChartPng({
    title: 'Mock exam: 37/50 · estimated 723/1000',
    subtitle: "Share right per domain, pass line 70% (about 700 on the exam's scale)",
    domains: names.map((domain, i) => ({ label: domain.name, value: right[i]! / asked[i]!, note: `${right[i]}/${asked[i]} · weight ${weightLabel(domain)}` })),
    passLine: 0.7,
  }),
);
console.log(`wrote src/render/charts/samples/${STATS_CHART.name} and src/render/charts/samples/${EXAM_CHART.name}`);
