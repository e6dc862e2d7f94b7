// Runs several variants of a measurement interleaved (A, B, A, B, ...), after one untimed
// warm-up of each, so drift on the machine (thermal, other load, caches) hits all variants alike.

/**
 * @param {object} options
 * @param {string[]} options.variants   e.g. ['parse-only', 'all']
 * @param {number} options.runs         timed runs per variant
 * @param {(variant: string) => Promise<object>} options.measure  one measurement (fresh process)
 * @param {(line: string) => void} [options.log]
 * @param {(sample: object) => string} [options.describe]  short text for the progress log
 * @returns {Promise<Record<string, object[]>>} samples per variant, in run order
 */
export async function runAlternating({ variants, runs, measure, log = () => {}, describe = () => '' }) {
  for (const variant of variants) {
    log(`warm-up ${variant}`);
    const sample = await measure(variant);
    log(`warm-up ${variant}: ${describe(sample)} (not counted)`);
  }
  const samples = Object.fromEntries(variants.map((variant) => [variant, []]));
  for (let run = 1; run <= runs; run += 1) {
    for (const variant of variants) {
      const sample = await measure(variant);
      samples[variant].push(sample);
      log(`run ${run}/${runs} ${variant}: ${describe(sample)}`);
    }
  }
  return samples;
}
