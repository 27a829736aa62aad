import { readFileSync } from 'node:fs';
import { Script } from 'node:vm';

/** Median and spread of repeated timings, for the benchmark table. */
export interface Summary {
  readonly runs: number;
  readonly median: number;
  readonly p10: number;
  readonly p90: number;
  readonly min: number;
  readonly max: number;
}

export function summarize(samples: readonly number[]): Summary {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) =>
    sorted[Math.min(sorted.length - 1, Math.max(0, Math.round(q * (sorted.length - 1))))]!;
  return {
    runs: sorted.length,
    median: at(0.5),
    p10: at(0.1),
    p90: at(0.9),
    min: sorted[0]!,
    max: sorted[sorted.length - 1]!,
  };
}

/** Runs `task` `runs` times after `warmup` unmeasured runs and returns the measured times in ms. */
export async function time(runs: number, warmup: number, task: () => unknown): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < warmup + runs; i++) {
    const started = performance.now();
    await task();
    const elapsed = performance.now() - started;
    if (i >= warmup) samples.push(elapsed);
  }
  return samples;
}

/**
 * The yardstick of activation: reading the bundle and compiling it as Node's require does (the
 * module wrapper around its source), under a fresh name each time so that V8's compilation cache
 * does not answer. What activation costs beyond it is the extension's own doing.
 */
export function compileYardstick(bundle: string, run: number): number {
  const started = performance.now();
  const source = readFileSync(bundle, 'utf8');
  new Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
    filename: `${bundle}?yardstick=${run}`,
  });
  return performance.now() - started;
}
