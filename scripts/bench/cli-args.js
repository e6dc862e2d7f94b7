// Small helpers on top of node:util parseArgs.

export class UsageError extends Error {}

/** Parses a flag value as an integer >= min, or throws a UsageError naming the flag. */
export function intFlag(flag, value, fallback, min = 0) {
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < min) {
    throw new UsageError(`--${flag} expects an integer >= ${min}, got "${value}"`);
  }
  return parsed;
}
