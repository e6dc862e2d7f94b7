// Small statistics helpers for benchmark samples.

export function median(values) {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

export function max(values) {
  return values.length === 0 ? Number.NaN : Math.max(...values);
}

export function min(values) {
  return values.length === 0 ? Number.NaN : Math.min(...values);
}

export function round(value, digits = 0) {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

/** A ratio rounded to 3 decimals (what is printed and compared against targets). */
export function ratio(numerator, denominator) {
  return round(numerator / denominator, 3);
}

/** The p-th percentile (0-100) by the nearest-rank method. */
export function percentile(values, p) {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1];
}
