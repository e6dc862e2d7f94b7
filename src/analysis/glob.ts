/** Minimal case-insensitive globs for option values: `*` matches any run of characters, `?` one. */
const cache = new Map<string, RegExp>();

export function globToRegExp(glob: string): RegExp {
  let re = cache.get(glob);
  if (!re) {
    const body = glob
      .split('')
      .map((ch) => (ch === '*' ? '.*' : ch === '?' ? '.' : ch.replace(/[\\^$.+()[\]{}|]/g, '\\$&')))
      .join('');
    re = new RegExp(`^${body}$`, 'i');
    cache.set(glob, re);
  }
  return re;
}

export function matchesAnyGlob(value: string, globs: readonly string[]): boolean {
  return globs.some((glob) => globToRegExp(glob).test(value));
}

/** Options carry regular expressions as strings; a malformed one is treated as matching nothing. */
export function safeRegExp(source: string, flags = 'i'): RegExp | undefined {
  try {
    const slashed = /^\/(.*)\/([a-z]*)$/s.exec(source);
    return slashed ? new RegExp(slashed[1], slashed[2]) : new RegExp(source, flags);
  } catch {
    return undefined;
  }
}
