// Helpers for assembling generated files out of blocks of lines.

/** Appends blocks (separated by a blank line) until `lines` reaches `target` lines or `makeBlock` returns null. */
export function fillTo(lines, target, makeBlock) {
  while (lines.length < target) {
    const block = makeBlock();
    if (!block) break;
    if (lines.length > 0) lines.push('');
    lines.push(...block);
  }
  return lines;
}

/**
 * Draws block factories from `pool` without repeats; once the pool is exhausted it starts over
 * with a numeric suffix (`2`, `3`, ...) that the factories append to the names they declare.
 */
export function createBlockDrawer(rng, pool) {
  let round = 1;
  let queue = rng.shuffle(pool);
  return (...args) => {
    if (queue.length === 0) {
      round += 1;
      queue = rng.shuffle(pool);
    }
    const factory = queue.pop();
    return factory(round === 1 ? '' : String(round), ...args);
  };
}

export function indentLines(lines, depth) {
  const pad = '  '.repeat(depth);
  return lines.map((line) => (line ? pad + line : line));
}

export function fileText(lines) {
  return `${lines.join('\n')}\n`;
}
