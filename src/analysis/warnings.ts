/**
 * Warnings the analysis collects instead of printing (it also runs inside ESLint and editors, where
 * stderr is nobody's): a tsconfig.json that does not parse, for one, which limits cross-file checks.
 * `igniter-rt check` takes and prints them after its run. A warning reported again is kept once.
 */
export interface AnalysisWarning {
  /** Absolute path of the file the warning is about. */
  file: string;
  /** 1-based position in `file`, when there is one. */
  line?: number;
  column?: number;
  /** What is wrong and what it costs, without a final period. */
  message: string;
}

const pending = new Map<string, AnalysisWarning>();

export function reportWarning(warning: AnalysisWarning): void {
  const key = JSON.stringify([warning.file, warning.line, warning.column, warning.message]);
  if (!pending.has(key)) pending.set(key, warning);
}

/** The warnings reported since the last call, in the order first reported. */
export function takeWarnings(): AnalysisWarning[] {
  const warnings = [...pending.values()];
  pending.clear();
  return warnings;
}
