/** The output side every command shares: where text goes, commander's error lines, and bug reports. */
import { visible } from '../generate/names.js';

export interface Io {
  stdout(text: string): void;
  stderr(text: string): void;
}

export const processIo: Io = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
};

/** Commander's output through `io`, errors as one `igniter-rt: …` line whatever the user typed. */
export function commanderOutput(io: Io) {
  return {
    writeOut: (text: string) => io.stdout(text),
    writeErr: (text: string) => io.stderr(text),
    // Commander's own second line ("(Did you mean --scope?)") stays a line; a value's line break does not.
    outputError: (text: string, write: (text: string) => void) =>
      write(`igniter-rt: ${visible(text.replace(/^error: /, '').trimEnd()).replace(/\\n(?=\(Did you mean )/, '\n')}\n`),
  };
}

/** Reports an error nobody anticipated (a bug) with its stack; returns its message. */
export function reportUnexpectedError(io: Io, error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  io.stderr(`igniter-rt: unexpected error (a bug; please report it): ${message}\n${error instanceof Error && error.stack ? `${error.stack}\n` : ''}`);
  return message;
}
