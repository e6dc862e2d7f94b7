/**
 * The generator contract. A generator is pure: `run(tree, options, project)` reads and writes a
 * virtual tree; nothing touches disk until the whole change list is known and checked. Its option
 * table drives CLI flags, prompts, `--help`, `generate --list`, `--json` and the README (options.ts).
 */
import { UserError } from '../user-error.js';

/** A file change as the virtual tree records it. */
export interface FileChange {
  /** Path relative to the project root, with forward slashes. */
  path: string;
  kind: 'create' | 'update' | 'skip';
  /** Content before (undefined for a new file). */
  before?: string;
  /** Content after (equal to `before` for `skip`). */
  after: string;
}

/** Reads through to disk; writes stay in memory until committed. Paths are project-relative. */
export interface Tree {
  readonly root: string;
  exists(path: string): boolean;
  read(path: string): string | undefined;
  /** Creates or overwrites a file in memory. Throws a GenerateError when `path` leaves the root. */
  write(path: string, content: string): void;
  changes(): FileChange[];
}

/** Names derived once from user input (`user-profile`). */
export interface Names {
  /** As typed, trimmed. */
  raw: string;
  pascal: string; // UserProfile
  camel: string; // userProfile
  kebab: string; // user-profile
  /** Human words: "user profile". */
  words: string;
}

export type OptionValue = string | boolean | string[];
/** A default in an option table (tables are `as const`, so lists are read-only). */
export type OptionDefault = string | boolean | readonly string[];

/** One option of a generator: a CLI flag, a prompt, an entry of `generate --list --json`. */
export interface GeneratorOption {
  /** camelCase key in the options object (`scope`), flag `--scope`. */
  name: string;
  description: string;
  type: 'string' | 'boolean' | 'list';
  /** Allowed values (a select prompt; anything else is a usage error). */
  choices?: readonly string[];
  /** Used with `--yes`, and as the prompt's initial value. Undefined means the answer is required. */
  default?: OptionDefault;
  /**
   * A format every value must have, checked for a flag before anything is asked, for a prompt's answer
   * and when the generator reads it (see options.ts).
   */
  format?: 'identifier' | 'router-key' | 'positive-integer' | 'cookie-name';
  /** Offer the project's values as the prompt's choices, and refuse a flag that is none of them. */
  suggest?: 'controllers';
  /** Shown as the prompt; absent for options that are never asked (e.g. `--force`). */
  prompt?: string;
}

export interface GeneratorArgument {
  name: string;
  description: string;
  /** The argument is validated as a name (identifier-convertible) unless `choices` is set. */
  choices?: readonly string[];
  prompt: string;
  /** The prompt's placeholder, `e.g. <example>` (the label says what, the placeholder shows one). */
  example?: string;
  /** Offer the project's values as the prompt's choices, and refuse an argument that is none of them. */
  suggest?: 'controllers';
}

/** Values of the project a prompt offers (`suggest`): the router's controller keys. Undefined when unknown. */
export type ProjectValues = (kind: 'controllers') => ProjectValueList | undefined;

export interface ProjectValueList {
  values: readonly string[];
  /** The usage error for a value that is none of them (`No controller is registered as ...`). */
  refusal(value: string): string;
}

/** What the generators know about the app they write into (from igniter-rt.config.json or detection). */
export interface ProjectLayout {
  /** Absolute project root. */
  root: string;
  /** Router file, project-relative (`src/igniter.router.ts`). */
  routerFile: string;
  /** File that exports the Igniter instance (`src/igniter.ts`). */
  instanceFile: string;
  /** Exported name of the Igniter instance (`igniter`). */
  instanceName: string;
  /** Features folder (`src/features`): `generate controller user` writes `src/features/user/...`. */
  featuresDir: string;
  /** Client file exporting the typed client (`src/igniter.client.ts`). */
  clientFile: string;
  /** Exported name of the typed client in `clientFile` (`api`). */
  clientName: string;
  /** The app's source root: the router file's folder (`src`). Procedures are looked up anywhere under it. */
  sourceDir: string;
  /**
   * The one folder the app keeps its procedures in: `generate.proceduresDir`, else `<sourceDir>/procedures`
   * when that folder exists. Undefined when procedures live per feature, as in the official starters:
   * `generate procedure` then writes `<featuresDir>/<feature>/procedures/<name>.procedure.ts`.
   */
  proceduresDir?: string;
  /** Where `--auth` procedures are looked up: `generate.proceduresDir` when configured, else `sourceDir`. */
  procedureSearchDir: string;
  /**
   * Whether the instance's builder attaches a store (`.store(...)` before `.create()`): `igniter.store`
   * and `igniter.realtime` exist only then. False only when the whole builder chain is in view and has
   * no `.store(...)`; see `requireStore` in layout.ts.
   */
  storeAttached: boolean;
  /** Folder for client hooks (`src/hooks`). */
  hooksDir: string;
  /** tsconfig alias for the source folder, e.g. `{ prefix: '@/', dir: 'src' }`, when the project has one. */
  alias?: { prefix: string; dir: string };
}

export interface GeneratorContext {
  layout: ProjectLayout;
  /** Renders a template (`controller/controller.ts.hbs`) with data; overrides come first. */
  render(template: string, data: Record<string, unknown>): string;
  /** Module specifier to import `toFile` from `fromFile` (both project-relative): the alias, else relative. */
  importPath(fromFile: string, toFile: string): string;
}

export interface GeneratorDefinition {
  /** `controller`, `mutation`, `stream`, `hook`, `procedure`. */
  name: string;
  description: string;
  arguments: readonly GeneratorArgument[];
  options: readonly GeneratorOption[];
  /** An example command for `--help` and the README. */
  example: string;
  /** What it writes, in the README's generator table (else `description`). */
  writes?: string;
  run(tree: Tree, options: Record<string, OptionValue>, context: GeneratorContext): void;
}

/** A failure of a generator the user can fix (see UserError). */
export class GenerateError extends UserError {}
