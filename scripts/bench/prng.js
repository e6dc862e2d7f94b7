// Deterministic pseudo-random numbers for the synthetic app (mulberry32, seeded by a string hash).

/** FNV-1a hash of a string, as an unsigned 32-bit integer. */
export function hashString(text) {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index += 1) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/**
 * A small seeded generator. The same seed always yields the same sequence,
 * so the synthetic app is byte-for-byte reproducible.
 */
export function createRng(seed) {
  let state = typeof seed === 'number' ? seed >>> 0 : hashString(String(seed));

  function next() {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  }

  /** Integer in [min, max], both inclusive. */
  function int(min, max) {
    return min + Math.floor(next() * (max - min + 1));
  }

  function chance(probability) {
    return next() < probability;
  }

  function pick(items) {
    return items[Math.floor(next() * items.length)];
  }

  function shuffle(items) {
    const copy = [...items];
    for (let index = copy.length - 1; index > 0; index -= 1) {
      const other = Math.floor(next() * (index + 1));
      [copy[index], copy[other]] = [copy[other], copy[index]];
    }
    return copy;
  }

  /** `count` distinct items (fewer if the list is shorter), in random order. */
  function sample(items, count) {
    return shuffle(items).slice(0, count);
  }

  /** Picks a key of `weights` ({ key: weight }) with probability proportional to its weight. */
  function weighted(weights) {
    const entries = Object.entries(weights);
    const total = entries.reduce((sum, [, weight]) => sum + weight, 0);
    let roll = next() * total;
    for (const [key, weight] of entries) {
      roll -= weight;
      if (roll < 0) return key;
    }
    return entries[entries.length - 1][0];
  }

  return { next, int, chance, pick, shuffle, sample, weighted };
}
