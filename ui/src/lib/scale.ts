// The few scales the Stats charts need: bands for bars, a linear scale with round ticks, and steps for the
// calendar. Written here rather than taken from d3-scale: d3-scale's linear scales bring d3-color, whose module
// code assigns `constructor` on prototypes, which the window's frozen prototypes (tauri.conf.json,
// freezePrototype) refuse, so the page would not start.

/** Bars across [from, to]: where each label's band starts, and how wide a band is. */
export function bands(labels: readonly string[], from: number, to: number, padding: number) {
  const n = Math.max(1, labels.length);
  const step = (to - from) / (n + padding);
  const width = step * (1 - padding);
  const at = new Map(labels.map((l, i) => [l, from + step * padding + step * i] as const));
  return { x: (label: string) => at.get(label) ?? from, width };
}

/** A round upper end for values up to `max` and the ticks (at most about `count`) up to it. */
export function niceTicks(max: number, count = 4): { top: number; ticks: number[] } {
  if (max <= 0) return { top: 1, ticks: [0, 1] };
  const raw = max / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? 10 * power;
  const whole = Math.max(1, Math.round(step));
  const top = Math.ceil(max / whole) * whole;
  const ticks: number[] = [];
  for (let t = 0; t <= top; t += whole) ticks.push(t);
  return { top, ticks };
}

/** A value's step, 1 to `steps`, of the range 1 to `max` (0 stays 0). */
export function stepOf(value: number, max: number, steps = 4): number {
  if (value <= 0) return 0;
  return Math.min(steps, 1 + Math.floor(((value - 1) * steps) / Math.max(1, max)));
}
