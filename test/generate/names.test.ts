/** Names are validated and case-converted once; anything that cannot become an identifier is refused (exit 2). */
import { describe, expect, it } from 'vitest';
import { checkRouterKey, commentText, printable, stringLiteral, toNames } from '../../src/generate/names.js';
import { GenerateError } from '../../src/generate/types.js';

function refusal(input: string): GenerateError {
  try {
    toNames(input, 'name');
  } catch (error) {
    if (error instanceof GenerateError) return error;
    throw error;
  }
  throw new Error(`"${input}" was accepted`);
}

describe('toNames', () => {
  it.each([
    ['user-profile', { pascal: 'UserProfile', camel: 'userProfile', kebab: 'user-profile', words: 'user profile' }],
    ['userProfile', { pascal: 'UserProfile', camel: 'userProfile', kebab: 'user-profile', words: 'user profile' }],
    ['UserProfile', { pascal: 'UserProfile', camel: 'userProfile', kebab: 'user-profile', words: 'user profile' }],
    ['user_profile', { pascal: 'UserProfile', camel: 'userProfile', kebab: 'user-profile', words: 'user profile' }],
    ['User Profile', { pascal: 'UserProfile', camel: 'userProfile', kebab: 'user-profile', words: 'user profile' }],
    ['  message  ', { pascal: 'Message', camel: 'message', kebab: 'message', words: 'message' }],
    ['HTTPServer', { pascal: 'HttpServer', camel: 'httpServer', kebab: 'http-server', words: 'http server' }],
    ['room2', { pascal: 'Room2', camel: 'room2', kebab: 'room2', words: 'room2' }],
  ])('%s → cases', (input, expected) => {
    expect(toNames(input)).toMatchObject({ raw: input.trim(), ...expected });
  });

  it('refuses an empty name', () => {
    for (const input of ['', '   ']) {
      const error = refusal(input);
      expect(error.exitCode).toBe(2);
      expect(error.message).toMatch(/empty/);
    }
  });

  it.each(['class', 'delete', 'default', 'new', 'await', 'constructor', 'type', 'Class', 'NEW'])('refuses the reserved word %s', (input) => {
    const error = refusal(input);
    expect(error.exitCode).toBe(2);
    expect(error.message).toMatch(/reserved word/);
  });

  it.each(['../x', 'a/b', 'C:\\x', 'C:x', '..', 'a\\b', '/etc/passwd', 'x/../../y'])('refuses the path-like %s', (input) => {
    const error = refusal(input);
    expect(error.exitCode).toBe(2);
    expect(error.message).toMatch(/looks like a path/);
  });

  it('refuses an overlong name and names the limit', () => {
    const error = refusal('a'.repeat(65));
    expect(error.exitCode).toBe(2);
    expect(error.message).toMatch(/65 characters.*64/);
    expect(toNames('a'.repeat(64)).camel).toHaveLength(64);
  });

  it.each(['usér', 'café-order', 'ユーザー', 'naïve', 'emoji😀', 'zero\u200bwidth'])('refuses the non-ASCII %s', (input) => {
    const error = refusal(input);
    expect(error.exitCode).toBe(2);
    expect(error.message).toMatch(/cannot become an identifier/);
  });

  it.each(['1user', '-user', '_user', 'user.profile', 'user$', 'user@x', 'a;b', "o'brien"])('refuses %s, which cannot start or form an identifier', (input) => {
    expect(refusal(input).exitCode).toBe(2);
  });

  it.each(['con', 'CON', 'nul', 'Aux', 'prn', 'com1', 'lpt9'])('refuses the Windows device name %s', (input) => {
    const error = refusal(input);
    expect(error.exitCode).toBe(2);
    expect(error.message).toMatch(/reserved file name on Windows/);
    expect(toNames('console').kebab).toBe('console');
  });

  it('shows control characters in the refused name escaped, on one line', () => {
    expect(refusal('a\nb\u2028c\u001b[31m').message).toBe(
      'The name "a\\nb\\u2028c\\u001b[31m" has characters that cannot become an identifier. Use ASCII letters, digits, "-" or "_", starting with a letter.',
    );
  });

  it('uses the label it is given in messages', () => {
    expect(() => toNames('', 'controller key')).toThrow(/controller key/);
  });
});

describe('checkRouterKey', () => {
  it.each(['note', 'user-profile', '$admin', '_x', 'a'.repeat(64)])('takes %s', (key) => expect(checkRouterKey(key)).toBe(key));
  it.each(["it's", 'a b', 'a.b', 'x`y', 'x${y}', 'x*/', 'a\nb', '1st', '', 'a'.repeat(65)])('refuses %j (exit 2)', (key) => {
    expect(() => checkRouterKey(key)).toThrow(GenerateError);
    expect(() => checkRouterKey(key)).toThrow(/cannot be used in generated code/);
  });
});

describe('commentText and printable', () => {
  it('never ends a block or line comment early', () => {
    const text = 'a */ b\nc\r\nd\u2028e\u2029f\u0000';
    const escaped = commentText(text);
    expect(escaped).toBe('a *\\/ b\\nc\\r\\nd\\u2028e\\u2029f\\u0000');
    // As a block comment and as a line comment, it leaves exactly one statement after it.
    expect(new Function(`/* ${escaped} */ return 1`)()).toBe(1);
    expect(new Function(`// ${escaped}\nreturn 2`)()).toBe(2);
  });

  it('quotes a value for a message on one line', () => {
    expect(printable('a\nb\u0007')).toBe('"a\\nb\\u0007"');
    expect(printable('C:\\x')).toBe('"C:\\x"');
  });
});

describe('stringLiteral', () => {
  it('evaluates back to any value: quotes, backslashes, ${, control characters, separators, lone surrogates', () => {
    const values = ["it's", 'say "hi"', 'a\\b', '`${x}`', '*/', '</script>', 'x\ny\r\tz', '\u0000\u0007\u001b[2J\u007f\u0085', '\u2028\u2029', '\ud800 lone', 'lone \udc00', '😀 pair'];
    for (const value of values) {
      for (const quote of ["'", '"'] as const) {
        const literal = stringLiteral(value, quote);
        expect(literal.startsWith(quote) && literal.endsWith(quote)).toBe(true);
        expect(literal, JSON.stringify(value)).not.toMatch(/[\p{Cc}\u2028\u2029]/u);
        expect(new Function(`return ${literal}`)(), JSON.stringify(value)).toBe(value);
      }
    }
    // A pair stays as it is (valid UTF-8); a lone surrogate is escaped (it could not be written as UTF-8).
    expect(stringLiteral('😀')).toBe("'😀'");
    expect(stringLiteral('\ud800')).toBe("'\\ud800'");
  });

  it('quotes anything safely', () => {
    expect(stringLiteral("it's")).toBe("'it\\'s'");
    expect(stringLiteral('a\\b')).toBe("'a\\\\b'");
    expect(stringLiteral('line\nnext\r')).toBe("'line\\nnext\\r'");
    expect(stringLiteral('\u2028')).toBe("'\\u2028'");
    // The literal evaluates back to the input.
    for (const value of ["it's", 'a\\b', 'x\ny', '</script>', '${x}', '\u2029']) {
      expect(new Function(`return ${stringLiteral(value)}`)()).toBe(value);
    }
  });
});
