// The `/ai300 stats` chart: mastery per domain against the 70% line, and readiness over the
// last 30 days as a line.
import type { Canvas, SKRSContext2D } from '@napi-rs/canvas';
import type { ReadinessPoint } from '../../domain/exam/readinessHistory.ts';
import { daysBetween } from '../../domain/exam/readinessHistory.ts';
import { drawBars, type Bar, type Box } from './bars.ts';
import { PALETTE, chartTitle, dashedLine, font, newChart } from './canvas.ts';
import { shortDay } from '../shortDay.ts';
import { STATS_CHART } from './sizes.ts';

export interface StatsChartData {
  title: string;
  mastery: Bar[];
  /** Readiness points of the window, oldest first. */
  readiness: ReadinessPoint[];
  /** First and last day of the window (YYYY-MM-DD). */
  from: string;
  to: string;
  passLine: number;
}

function drawReadiness(g: SKRSContext2D, box: Box, data: StatsChartData): void {
  const span = Math.max(1, daysBetween(data.from, data.to));
  const left = box.x + 56;
  const right = box.x + box.width - 20;
  const top = box.y + 10;
  const bottom = box.y + box.height - 28;
  const xOf = (day: string) => left + ((right - left) * daysBetween(data.from, day)) / span;
  const yOf = (share: number) => bottom - (bottom - top) * Math.max(0, Math.min(1, share));

  g.font = font(12);
  g.textAlign = 'right';
  for (const tick of [0, 0.25, 0.5, 0.75, 1]) {
    g.strokeStyle = PALETTE.grid;
    g.lineWidth = 1;
    g.beginPath();
    g.moveTo(left, yOf(tick));
    g.lineTo(right, yOf(tick));
    g.stroke();
    g.fillStyle = PALETTE.muted;
    g.fillText(`${tick * 100}%`, left - 8, yOf(tick));
  }
  g.textAlign = 'center';
  for (let offset = 0; offset <= span; offset += 7) {
    const day = new Date(Date.parse(`${data.from}T00:00:00Z`) + offset * 86_400_000).toISOString().slice(0, 10);
    g.fillText(shortDay(day), xOf(day), bottom + 16);
  }
  dashedLine(g, left, yOf(data.passLine), right, yOf(data.passLine), PALETTE.passLine);
  g.fillStyle = PALETTE.passLine;
  g.font = font(12, true);
  g.textAlign = 'left';
  g.fillText(`pass line ${Math.round(data.passLine * 100)}%`, left + 6, yOf(data.passLine) - 10);

  if (data.readiness.length === 0) {
    g.fillStyle = PALETTE.muted;
    g.font = font(15);
    g.textAlign = 'center';
    g.fillText('No answers in the last 30 days', (left + right) / 2, (top + bottom) / 2);
    return;
  }
  g.strokeStyle = PALETTE.line;
  g.lineWidth = 3;
  g.beginPath();
  data.readiness.forEach((point, i) => {
    if (i === 0) g.moveTo(xOf(point.day), yOf(point.value));
    else g.lineTo(xOf(point.day), yOf(point.value));
  });
  g.stroke();
  g.fillStyle = PALETTE.line;
  for (const point of data.readiness) {
    g.beginPath();
    g.arc(xOf(point.day), yOf(point.value), 4.5, 0, Math.PI * 2);
    g.fill();
  }
  const last = data.readiness.at(-1)!;
  g.fillStyle = PALETTE.text;
  g.font = font(14, true);
  g.textAlign = xOf(last.day) > right - 60 ? 'right' : 'left';
  g.fillText(`${Math.round(last.value * 100)}%`, xOf(last.day) + (g.textAlign === 'right' ? -8 : 8), yOf(last.value) - 16);
}

/** Draws the chart on the size's reused canvas (see canvas.ts); the caller encodes it before the next draw. */
export function drawStatsChart(data: StatsChartData): Canvas {
  const { canvas, g } = newChart(STATS_CHART.width, STATS_CHART.height);
  chartTitle(g, data.title);
  g.font = font(15, true);
  g.fillText('Mastery per domain', 24, 66);
  drawBars(g, { x: 24, y: 80, width: STATS_CHART.width - 48, height: 220 }, data.mastery, data.passLine);
  g.fillStyle = PALETTE.text;
  g.font = font(15, true);
  g.textAlign = 'left';
  g.fillText(`Readiness, ${shortDay(data.from)} to ${shortDay(data.to)}`, 24, 330);
  drawReadiness(g, { x: 24, y: 344, width: STATS_CHART.width - 48, height: 200 }, data);
  return canvas;
}
