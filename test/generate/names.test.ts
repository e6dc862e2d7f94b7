/** Names are validated and case-converted once; anything that cannot become an identifier is refused (exit 2). */
import { describe, expect, it } from 'vitest';
import { stringLiteral, toNames } from '../../src/generate/names.js';
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

  it('uses the label it is given in messages', () => {
    expect(() => toNames('', 'controller key')).toThrow(/controller key/);
  });
});

describe('stringLiteral', () => {
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
