/** One series of a {@link UiChart}: a value per category, drawn as bars or as a line. */
export interface ChartSeries {
  readonly key: string;
  readonly label: string;
  readonly values: readonly number[];
  readonly kind?: 'bar' | 'line';
  /** A CSS colour (tokens welcome: `var(--tmk-color-danger)`). */
  readonly color: string;
  /** SVG `stroke-dasharray` for lines, so series differ by more than colour. */
  readonly dash?: string;
  /** The marker drawn on each point of a line. */
  readonly marker?: 'circle' | 'square' | 'diamond' | 'none';
}

export interface ChartScale {
  /** The top of the value axis: a "nice" number at or above the largest value (at least 1). */
  readonly max: number;
  /** Gridline values from 0 to `max`. */
  readonly ticks: number[];
}

/** A value axis with whole-number steps (1, 2, 5 × 10ⁿ) and about `count` intervals. */
export function chartScale(values: Iterable<number>, count = 4): ChartScale {
  let largest = 0;
  for (const v of values) if (Number.isFinite(v) && v > largest) largest = v;
  if (largest <= 0) return { max: 1, ticks: [0, 1] };
  const raw = largest / count;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = Math.max(1, ([1, 2, 5, 10].find((m) => m * magnitude >= raw) ?? 10) * magnitude);
  const max = Math.ceil(largest / step) * step;
  const ticks: number[] = [];
  for (let v = 0; v <= max + step / 2; v += step) ticks.push(Math.round(v));
  return { max, ticks };
}

/** Indices of about `count` evenly spread category labels to print on the axis (always the first). */
export function pickTicks(length: number, count: number): number[] {
  if (length <= 0) return [];
  if (length <= count) return Array.from({ length }, (_, i) => i);
  const step = Math.ceil(length / count);
  const picked: number[] = [];
  for (let i = 0; i < length; i += step) picked.push(i);
  return picked;
}
