/** `DEBUG=igniter-rt` prints why the analysis degraded (a rule that failed, a file it skipped). */
const enabled = /(^|,)\s*igniter-rt(:\*|\*)?\s*(,|$)/.test(process.env.DEBUG ?? '') || process.env.DEBUG === '*';

export function debug(message: string, detail?: unknown): void {
  if (!enabled) return;
  const suffix = detail instanceof Error ? `\n${detail.stack ?? detail.message}` : detail === undefined ? '' : ` ${String(detail)}`;
  process.stderr.write(`igniter-rt: ${message}${suffix}\n`);
}

/** Tests set this so a rule that throws fails the test instead of being silenced. */
export function rethrowRuleErrors(): boolean {
  return process.env.IGNITER_RT_THROW === '1';
}
