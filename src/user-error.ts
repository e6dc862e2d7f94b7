/**
 * A failure the user can fix (a bad name, an existing file, a config edit we cannot make): one clear
 * line, nothing written. `exitCode` 2 for usage errors, 1 otherwise. Commands print it without a stack.
 */
export class UserError extends Error {
  constructor(
    message: string,
    readonly exitCode: 1 | 2 = 1,
  ) {
    super(message);
    this.name = new.target.name;
  }
}
