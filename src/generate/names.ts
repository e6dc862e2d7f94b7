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

/** Device names Windows reserves for any file extension (`con.controller.ts` cannot be created there). */
const WINDOWS_DEVICE = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])$/;

/**
 * Splits `input` into lower-case words (`userProfile`, `user_profile`, `User Profile` → user, profile)
 * and derives every case. Throws a usage error (exit 2) for anything that cannot become an identifier.
 */
export function toNames(input: string, what = 'name'): Names {
  const raw = input.trim();
  if (raw.length === 0) throw new GenerateError(`The ${what} is empty. Use letters and digits, e.g. "user-profile".`, 2);
  if (raw.length > MAX_LENGTH) throw new GenerateError(`The ${what} is ${raw.length} characters long; keep it to ${MAX_LENGTH} or fewer.`, 2);
  if (/[\\/]|^[A-Za-z]:|\.\./.test(raw)) throw new GenerateError(`The ${what} ${printable(raw)} looks like a path. Give a plain name such as "user-profile"; files go where the project layout says.`, 2);
  if (!/^[A-Za-z][A-Za-z0-9 _-]*$/.test(raw)) {
    throw new GenerateError(`The ${what} ${printable(raw)} has characters that cannot become an identifier. Use ASCII letters, digits, "-" or "_", starting with a letter.`, 2);
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
  const kebab = words.join('-');
  if (WINDOWS_DEVICE.test(kebab)) throw new GenerateError(`The ${what} "${raw}" is a reserved file name on Windows (${kebab}.*); pick another, e.g. "${kebab}-item".`, 2);
  return { raw, pascal, camel, kebab, words: words.join(' ') };
}

/**
 * A router key that generated code may embed in strings, template literals and comments (`note`,
 * `user-profile`, `$admin`): no quote, backslash, `${`, `*\/`, white space or line break can occur in it.
 */
export function checkRouterKey(key: string, what = 'controller key'): string {
  if (!/^[A-Za-z_$][A-Za-z0-9_$-]{0,63}$/.test(key)) {
    throw new GenerateError(`The ${what} ${printable(key)} cannot be used in generated code; a router key here must be an identifier (letters, digits, "_", "$" or "-", at most 64).`, 2);
  }
  return key;
}

/**
 * Characters a string literal must not hold raw: line terminators (they end the literal, and U+2028/9
 * end a `//` comment), other control characters (invisible in an editor) and lone surrogates (not
 * encodable in UTF-8, so they would change on disk).
 */
const UNSAFE_IN_LITERAL = /[\p{Cc}\u2028\u2029\ud800-\udfff]/gu; // with `u`, a surrogate matches only when lone

const SHORT_ESCAPES: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t', '\b': '\\b', '\f': '\\f', '\v': '\\v' };

function escapeCharacter(character: string): string {
  return SHORT_ESCAPES[character] ?? `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/** A TypeScript string literal (single-quoted unless told) whose value is exactly `value`, whatever it holds. */
export function stringLiteral(value: string, quote: "'" | '"' = "'"): string {
  return `${quote}${value.replace(/\\/g, '\\\\').replaceAll(quote, `\\${quote}`).replace(UNSAFE_IN_LITERAL, escapeCharacter)}${quote}`;
}

/**
 * Text for a comment, block or line: `*\/` cannot close a block comment and no line terminator can end
 * a line comment (both are escaped the way a string would show them). For project text such as keys and
 * file names, which generators quote in their header comments.
 */
export function commentText(value: string): string {
  return value.replace(/\*\//g, '*\\/').replace(UNSAFE_IN_LITERAL, escapeCharacter);
}

/** `value` quoted for an error message: one line, control characters shown escaped (`"a\nb"`). */
export function printable(value: string): string {
  return `"${visible(value)}"`;
}

/** Text for a terminal: line breaks and control characters (an escape sequence in a name) shown escaped. */
export function visible(text: string): string {
  return text.replace(UNSAFE_IN_LITERAL, escapeCharacter);
}
