/**
 * gitignore patterns (https://git-scm.com/docs/gitignore#_pattern_format), for `.gitignore` files
 * outside a git work tree and for `--ignore` / `ignores`. Inside a work tree, git itself answers
 * (see files.ts): this is the fallback, and must agree with git on the documented format.
 */

export interface IgnoreRule {
  /** The pattern as written (after trimming), for messages. */
  pattern: string;
  /** Where it comes from: `.gitignore:3`, `--ignore`, ... */
  source: string;
  negated: boolean;
  /** A trailing `/`: matches folders only. */
  directoryOnly: boolean;
  /** Folder the pattern is relative to, as a posix path relative to the root ('' for the root). */
  base: string;
  regExp: RegExp;
}

/** Parses gitignore text; `base` is the folder of the file, relative to the root ('' at the root). */
export function parseGitignore(text: string, base: string, source: string): IgnoreRule[] {
  const rules: IgnoreRule[] = [];
  text.split(/\r?\n/).forEach((line, index) => {
    const rule = compilePattern(line, base, `${source}:${index + 1}`);
    if (rule) rules.push(rule);
  });
  return rules;
}

/** One pattern line, or undefined for blank lines and comments. */
export function compilePattern(line: string, base: string, source: string): IgnoreRule | undefined {
  // Trailing spaces are dropped unless escaped with a backslash.
  let pattern = line.replace(/(?<!\\)\s+$/, '').replace(/\\(\s)$/, '$1');
  if (pattern === '' || pattern.startsWith('#')) return undefined;
  const written = pattern;
  const negated = pattern.startsWith('!');
  if (negated) pattern = pattern.slice(1);
  if (pattern.startsWith('\\!') || pattern.startsWith('\\#')) pattern = pattern.slice(1);
  const directoryOnly = pattern.endsWith('/') && !pattern.endsWith('\\/');
  if (directoryOnly) pattern = pattern.slice(0, -1);
  if (pattern === '') return undefined;
  // A slash at the start or in the middle anchors the pattern to `base`; otherwise it matches a name at any depth.
  const anchored = pattern.includes('/');
  if (pattern.startsWith('/')) pattern = pattern.slice(1);
  const body = globToSource(pattern);
  const regExp = new RegExp(anchored ? `^${body}$` : `^(?:.*/)?${body}$`);
  return { pattern: written, source, negated, directoryOnly, base, regExp };
}

/** A glob in gitignore's dialect as a regular-expression body (`*`, `?`, `[...]`, `**`, `\` escapes). */
function globToSource(glob: string): string {
  let out = '';
  for (let i = 0; i < glob.length; i++) {
    const ch = glob[i];
    if (ch === '*') {
      if (glob[i + 1] === '*' && (i === 0 || glob[i - 1] === '/') && (i + 2 === glob.length || glob[i + 2] === '/')) {
        // `**` as a whole segment: `**/x` any leading folders, `x/**` everything inside, `a/**/b` zero or more folders.
        if (i + 2 === glob.length) out += i === 0 ? '.*' : '.+';
        else out += '(?:.*/)?';
        i += 2; // `continue` then steps over the following slash
        continue;
      }
      while (glob[i + 1] === '*') i++; // other runs of stars are one star
      out += '[^/]*';
    } else if (ch === '?') {
      out += '[^/]';
    } else if (ch === '[') {
      const end = classEnd(glob, i);
      if (end === -1) out += '\\[';
      else {
        let inner = glob.slice(i + 1, end);
        const negate = inner.startsWith('!') || inner.startsWith('^');
        if (negate) inner = inner.slice(1);
        inner = inner.replace(/\\(.)/g, '$1').replace(/[\\\]^]/g, '\\$&');
        out += `(?!/)[${negate ? '^' : ''}${inner}]`;
        i = end;
      }
    } else if (ch === '\\' && i + 1 < glob.length) {
      out += escapeRegExp(glob[++i]);
    } else {
      out += escapeRegExp(ch);
    }
  }
  return out;
}

/** Index of the `]` that closes a class opened at `start` (a `]` first in the class is literal), or -1. */
function classEnd(glob: string, start: number): number {
  let i = start + 1;
  if (glob[i] === '!' || glob[i] === '^') i++;
  if (glob[i] === ']') i++;
  for (; i < glob.length; i++) {
    if (glob[i] === '\\') i++;
    else if (glob[i] === ']') return i;
  }
  return -1;
}

function escapeRegExp(ch: string): string {
  return ch.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/**
 * The last rule that matches `path` (posix, relative to the root), or undefined. Rules are in
 * precedence order (a later rule overrides an earlier one, as git reads deeper files later).
 * The caller checks parent folders first: git never re-includes a file inside an excluded folder.
 */
export function lastMatch(rules: readonly IgnoreRule[], path: string, isDirectory: boolean): IgnoreRule | undefined {
  for (let index = rules.length - 1; index >= 0; index--) {
    const rule = rules[index];
    if (rule.directoryOnly && !isDirectory) continue;
    if (rule.base !== '' && !path.startsWith(`${rule.base}/`)) continue;
    const relative = rule.base === '' ? path : path.slice(rule.base.length + 1);
    if (rule.regExp.test(relative)) return rule;
  }
  return undefined;
}
