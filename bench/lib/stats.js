// How bench/run.js turns rounds of measurements into ratios and verdicts.
// Machines here are shared and noisy: every figure is a ratio against a baseline
// measured side by side, round by round.

export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** Median of the per-round ratios a[i] / b[i]: each pair ran back to back, so it shares the machine's load of the moment. */
export const pairedRatio = (a, b) => median(a.samples.map((x, i) => x / b.samples[i]));

/** Runs each variant once per round, in rotation (A B C A B C …); returns each one's median and samples. */
export async function alternate(variants, rounds, { warmup = 1 } = {}) {
  const samples = variants.map(() => []);
  for (let r = -warmup; r < rounds; r++) {
    for (let i = 0; i < variants.length; i++) {
      const v = await variants[i].run(r);
      if (r >= 0) samples[i].push(v);
    }
  }
  return samples.map((s) => ({ median: median(s), samples: s }));
}

/** PASS / MISS of a ratio against its goal (`<=` or `>=` target); n/a when nothing was measured. */
export function verdict(ratio, op, target) {
  if (!Number.isFinite(ratio)) return 'n/a';
  return (op === '<=' ? ratio <= target : ratio >= target) ? 'PASS' : 'MISS';
}

/** A server counts as saturated (the bottleneck) from this share of its core. */
export const SATURATED = 0.9;

/**
 * Which ratio judges a throughput goal. Req/s compares two apps only when both
 * servers were the bottleneck; when one was not (the load generator or other work
 * on the machine was), req/s ratios drift towards 1, and CPU time per request
 * (bare ÷ generated) says the same thing without depending on who was the limit.
 */
export function throughputRatio({ reqRatio, cpuRatio, generatedUtil, bareUtil }) {
  return Math.min(generatedUtil, bareUtil) >= SATURATED
    ? { ratio: reqRatio, basis: 'req/s' }
    : { ratio: cpuRatio, basis: 'CPU per request (a server was not saturated)' };
}
