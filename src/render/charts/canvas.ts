// The drawing surface shared by every chart: the bundled font, and a palette that reads on
// Discord's dark and light themes and for colour-blind readers. Runs in the chart renderer process.
import { createRequire } from 'node:module';
import { GlobalFonts, createCanvas, type Canvas, type SKRSContext2D } from '@napi-rs/canvas';

/** A family name no machine font has, so text can only come from the bundled DejaVu Sans files. */
export const CHART_FONT = 'AI300 Chart Sans';

let fontsRegistered = false;

/** Registers the bundled DejaVu Sans (regular and bold, from @fontsource/dejavu-sans) once. */
export function registerChartFonts(): void {
  if (fontsRegistered) return;
  const require = createRequire(import.meta.url);
  for (const weight of ['400', '700']) {
    const file = require.resolve(`@fontsource/dejavu-sans/files/dejavu-sans-latin-${weight}-normal.woff2`);
    GlobalFonts.registerFromPath(file, CHART_FONT);
  }
  if (!GlobalFonts.has(CHART_FONT)) throw new Error('the chart font could not be registered');
  fontsRegistered = true;
}

/**
 * Okabe-Ito colours (distinct for the common colour-vision deficiencies) on an opaque light card,
 * so the chart reads the same on Discord's dark and light themes. Colour is never the only cue:
 * every bar carries its value, and the pass line is labelled.
 */
export const PALETTE = {
  card: '#f6f7f9',
  text: '#1f2328',
  muted: '#57606a',
  grid: '#d0d7de',
  /** At or above the pass line. */
  above: '#0072b2',
  /** Below the pass line. */
  below: '#e69f00',
  line: '#0072b2',
  passLine: '#d55e00',
} as const;

export function font(size: number, bold = false): string {
  return `${bold ? 'bold ' : ''}${size}px "${CHART_FONT}"`;
}

/** One canvas per size, reused: the chart renderer draws and encodes one chart at a time. */
const canvases = new Map<string, Canvas>();

/** A blank chart card of this size, on the size's reused canvas. */
export function newChart(width: number, height: number): { canvas: Canvas; g: SKRSContext2D } {
  registerChartFonts();
  const key = `${width}x${height}`;
  let canvas = canvases.get(key);
  if (!canvas) {
    canvas = createCanvas(width, height);
    canvases.set(key, canvas);
  }
  const g = canvas.getContext('2d');
  g.reset();
  // Opaque to the edges (Discord rounds an embed image's corners itself): the PNG has no alpha.
  g.fillStyle = PALETTE.card;
  g.fillRect(0, 0, width, height);
  g.textBaseline = 'middle';
  return { canvas, g };
}

/** The chart's title, top left, as every chart has it. */
export function chartTitle(g: SKRSContext2D, title: string): void {
  g.fillStyle = PALETTE.text;
  g.textAlign = 'left';
  g.font = font(20, true);
  g.fillText(title, 24, 30);
}

export function dashedLine(g: SKRSContext2D, x1: number, y1: number, x2: number, y2: number, color: string): void {
  g.save();
  g.strokeStyle = color;
  g.lineWidth = 2;
  g.setLineDash([8, 5]);
  g.beginPath();
  g.moveTo(x1, y1);
  g.lineTo(x2, y2);
  g.stroke();
  g.restore();
}

/** Text shortened with an ellipsis to fit `maxWidth`. */
export function fitText(g: SKRSContext2D, text: string, maxWidth: number): string {
  if (g.measureText(text).width <= maxWidth) return text;
  let cut = text;
  while (cut.length > 1 && g.measureText(`${cut}…`).width > maxWidth) cut = cut.slice(0, -1);
  return `${cut.trimEnd()}…`;
}
