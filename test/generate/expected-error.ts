/** The GenerateError a generator step fails with; anything else (or no failure) fails the test. */
import { expect } from 'vitest';
import { GenerateError } from '../../src/generate/types.js';

export function thrown(fn: () => unknown): GenerateError {
  try {
    fn();
  } catch (error) {
    if (error instanceof GenerateError) return error;
    throw error;
  }
  throw new Error('expected a GenerateError');
}

/** The GenerateError a promise rejects with (fails the test when it resolves or throws anything else). */
export async function failure(promise: Promise<unknown>): Promise<GenerateError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(GenerateError);
  return error as GenerateError;
}
