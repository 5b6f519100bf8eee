import type { ExamChartData } from '../../src/render/charts/examChart.ts';

/** A small exam-result chart: two domains, one above and one below the pass line. */
export const EXAM_CHART_FIXTURE: ExamChartData = {
  title: 'Mock exam: 3/5 · estimated 601/1000',
  subtitle: 'Share right per domain',
  domains: [
    { label: 'MLOps infrastructure', value: 1, note: '2/2' },
    { label: 'ML model lifecycle and operations', value: 1 / 3, note: '1/3' },
  ],
  passLine: 0.7,
};
