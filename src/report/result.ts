/** What every `check` format reports: a file's messages, with the text they refer to. */
import type { FileResult } from '../engine.js';

export interface CheckResult extends FileResult {
  /** The text the messages' positions and fixes refer to: the file as linted, or as fixed with --fix. */
  text: string;
  /** --fix changed the file (its new content is `text`). */
  fixed: boolean;
}
