/** Percentile of a list of numbers (nearest rank). */
export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

/** Milliseconds taken by `fn`. */
export async function timed(fn: () => Promise<unknown>): Promise<number> {
  const t = performance.now();
  await fn();
  return performance.now() - t;
}

export const fmt = (n: number, digits = 2) => n.toFixed(digits);

/**
 * Prints one figure as `bench <name>: <value> (goal <op> <goal>)`, the line tools read;
 * everything else a bench prints is indented context for people.
 */
export function benchFigure(name: string, value: number, op: ">=" | "<=", goal: number, digits = 2): void {
  console.log(`bench ${name}: ${fmt(value, digits)} (goal ${op} ${goal})`);
}

/** Context for people, indented so that tools reading `bench …` lines skip it. */
export const note = (text: string) => console.log(`  ${text}`);
