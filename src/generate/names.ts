/** Names are validated and case-converted once: `user-profile` → `UserProfile`, `userProfile`, `user-profile`. */
import { GenerateError, type Names } from './types.js';

const MAX_LENGTH = 64;

/** Words that cannot be identifiers (ES reserved words, strict-mode and TypeScript's own). */
const RESERVED = new Set(
  (
    'break case catch class const continue debugger default delete do else enum export extends false finally for function if import in ' +
    'instanceof new null return super switch this throw true try typeof var void while with implements interface let package private ' +
    'protected public static yield await async arguments eval any boolean never number object string symbol undefined unknown bigint ' +
    'constructor prototype declare namespace module type keyof readonly infer satisfies'
  ).split(' '),
);

/**
 * Splits `input` into lower-case words (`userProfile`, `user_profile`, `User Profile` → user, profile)
 * and derives every case. Throws a usage error (exit 2) for anything that cannot become an identifier.
 */
export function toNames(input: string, what = 'name'): Names {
  const raw = input.trim();
  if (raw.length === 0) throw new GenerateError(`The ${what} is empty. Use letters and digits, e.g. "user-profile".`, 2);
  if (raw.length > MAX_LENGTH) throw new GenerateError(`The ${what} is ${raw.length} characters long; keep it to ${MAX_LENGTH} or fewer.`, 2);
  if (/[\\/]|^[A-Za-z]:|\.\./.test(raw)) throw new GenerateError(`The ${what} "${raw}" looks like a path. Give a plain name such as "user-profile"; files go where the project layout says.`, 2);
  if (!/^[A-Za-z][A-Za-z0-9 _-]*$/.test(raw)) {
    throw new GenerateError(`The ${what} "${raw}" has characters that cannot become an identifier. Use ASCII letters, digits, "-" or "_", starting with a letter.`, 2);
  }
  const words = raw
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[\s_-]+/)
    .filter(Boolean)
    .map((word) => word.toLowerCase());
  const pascal = words.map((word) => word[0].toUpperCase() + word.slice(1)).join('');
  const camel = pascal[0].toLowerCase() + pascal.slice(1);
  if (RESERVED.has(camel)) throw new GenerateError(`The ${what} "${raw}" is a reserved word in JavaScript or TypeScript; pick another, e.g. "${camel}Item".`, 2);
  return { raw, pascal, camel, kebab: words.join('-'), words: words.join(' ') };
}

/** A string as a single-quoted TypeScript string literal, safe for any content. */
export function stringLiteral(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\r/g, '\\r').replace(/\n/g, '\\n').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029')}'`;
}
