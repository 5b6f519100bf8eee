// Horizontal bars of shares (0-1) against a pass line, used by the stats and exam charts.
import type { SKRSContext2D } from '@napi-rs/canvas';
import { PALETTE, dashedLine, fitText, font } from './canvas.ts';

export interface Bar {
  label: string;
  /** 0-1. */
  value: number;
  /** Shown after the value, e.g. "12/17 · exam weight 15-20%". */
  note?: string;
}

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

const LABEL_WIDTH = 280;
const VALUE_WIDTH = 180;

/** Draws the bars inside `box`, with the pass line at `passLine` (0-1) and each value in a column on the right. */
export function drawBars(g: SKRSContext2D, box: Box, bars: readonly Bar[], passLine: number): void {
  const plotX = box.x + LABEL_WIDTH;
  const plotWidth = box.width - LABEL_WIDTH - VALUE_WIDTH;
  const valueX = plotX + plotWidth + 16;
  const top = box.y + 22;
  const rowHeight = (box.height - 22) / bars.length;
  const barHeight = Math.min(30, rowHeight * 0.62);
  const xOf = (share: number) => plotX + plotWidth * Math.max(0, Math.min(1, share));

  // Grid every 25%; a tick label next to the pass line's label would collide with it.
  g.font = font(12);
  g.fillStyle = PALETTE.muted;
  g.textAlign = 'center';
  for (const tick of [0, 0.25, 0.5, 0.75, 1]) {
    g.strokeStyle = PALETTE.grid;
    g.lineWidth = 1;
    g.beginPath();
    g.moveTo(xOf(tick), top);
    g.lineTo(xOf(tick), box.y + box.height);
    g.stroke();
    if (Math.abs(tick - passLine) > 0.21) g.fillText(`${tick * 100}%`, xOf(tick), box.y + 8);
  }
  dashedLine(g, xOf(passLine), top - 4, xOf(passLine), box.y + box.height, PALETTE.passLine);
  g.font = font(12, true);
  g.fillStyle = PALETTE.passLine;
  g.fillText(`pass line ${Math.round(passLine * 100)}%`, xOf(passLine), box.y + 8);

  bars.forEach((bar, i) => {
    const centre = top + rowHeight * (i + 0.5);
    g.textAlign = 'right';
    g.fillStyle = PALETTE.text;
    g.font = font(13);
    g.fillText(fitText(g, bar.label, LABEL_WIDTH - 14), plotX - 12, centre);
    g.fillStyle = bar.value >= passLine ? PALETTE.above : PALETTE.below;
    g.fillRect(plotX, centre - barHeight / 2, Math.max(2, xOf(bar.value) - plotX), barHeight);
    g.textAlign = 'left';
    g.fillStyle = PALETTE.text;
    g.font = font(16, true);
    const value = `${Math.round(bar.value * 100)}%`;
    g.fillText(value, valueX, bar.note ? centre - 8 : centre);
    if (bar.note) {
      g.font = font(12);
      g.fillStyle = PALETTE.muted;
      g.fillText(fitText(g, bar.note, VALUE_WIDTH - 20), valueX, centre + 10);
    }
  });
}
