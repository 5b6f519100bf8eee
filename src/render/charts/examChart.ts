// The mock-exam result chart: the share right per domain against the 70% line, with each
// domain's exam weight.
import { drawBars, type Bar } from './bars.ts';
import type { Canvas } from '@napi-rs/canvas';
import { PALETTE, chartTitle, font, newChart } from './canvas.ts';
import { EXAM_CHART } from './sizes.ts';

export interface ExamChartData {
  title: string;
  subtitle: string;
  domains: Bar[];
  passLine: number;
}

/** Draws the chart on the size's reused canvas (see canvas.ts); the caller encodes it before the next draw. */
export function drawExamChart(data: ExamChartData): Canvas {
  const { canvas, g } = newChart(EXAM_CHART.width, EXAM_CHART.height);
  chartTitle(g, data.title);
  g.font = font(14);
  g.fillStyle = PALETTE.muted;
  g.fillText(data.subtitle, 24, 56);
  drawBars(g, { x: 24, y: 76, width: EXAM_CHART.width - 48, height: 248 }, data.domains, data.passLine);
  return canvas;
}
