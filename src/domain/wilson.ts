// The Wilson score interval for a win rate: how sure can we be about "3 of 4 won"?

/** z for a two-sided 95% interval. */
export const Z_95 = 1.959963984540054;

/**
 * Bounds of the 95% Wilson score interval for `successes` of `trials`, as fractions 0–1.
 * Null when there are no trials (no rate to bound).
 */
export function wilsonInterval(successes: number, trials: number, z = Z_95): { low: number; high: number } | null {
  if (trials <= 0) return null;
  const p = successes / trials;
  const z2 = z * z;
  const denominator = 1 + z2 / trials;
  const centre = (p + z2 / (2 * trials)) / denominator;
  const margin = (z * Math.sqrt((p * (1 - p)) / trials + z2 / (4 * trials * trials))) / denominator;
  // Clamp float noise at the ends (0 of n, n of n).
  return { low: Math.max(0, centre - margin), high: Math.min(1, centre + margin) };
}
