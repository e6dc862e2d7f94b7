// Pure helpers of the `precision` section: turn `igniter-rt check --format json` output into finding
// keys, match them to the committed verdicts, and count per app and per rule.

import { relative, sep } from 'node:path';

export const VERDICTS = ['bug', 'noise'];

/**
 * The findings of one check run as `{ rule, key }`, `key` being `rule path:line` with the path
 * relative to the app folder (forward slashes) and the rule id without its `igniter-rt/` prefix.
 */
export function findingKeys(eslintResults, appDir) {
  const findings = [];
  for (const file of eslintResults) {
    const path = relative(appDir, file.filePath).split(sep).join('/');
    for (const message of file.messages) {
      if (!message.ruleId) continue; // a parse error is not a rule's finding
      const rule = message.ruleId.replace(/^igniter-rt\//, '');
      findings.push({ rule, key: `${rule} ${path}:${message.line}`, message: message.message });
    }
  }
  return findings;
}

const emptyCounts = () => ({ findings: 0, bug: 0, noise: 0, unjudged: 0 });

function add(counts, verdict) {
  counts.findings += 1;
  counts[verdict ?? 'unjudged'] += 1;
}

/** Bugs over findings; an unjudged finding counts as not a bug. `null` when there are no findings. */
export const precision = (counts) => (counts.findings === 0 ? null : counts.bug / counts.findings);

/**
 * Matches findings (per app name) to verdicts (per app name, per key) and counts them per app, per
 * rule and overall. Returns the unjudged findings and the judged ones (with their verdict) too.
 */
export function tally(findingsByApp, verdicts) {
  const perApp = {};
  const perRule = {};
  const total = emptyCounts();
  const unjudged = [];
  const judged = [];
  for (const [app, findings] of Object.entries(findingsByApp)) {
    perApp[app] = emptyCounts();
    for (const finding of findings) {
      const entry = verdicts[app]?.[finding.key];
      const verdict = entry && VERDICTS.includes(entry.verdict) ? entry.verdict : undefined;
      add(perApp[app], verdict);
      perRule[finding.rule] ??= emptyCounts();
      add(perRule[finding.rule], verdict);
      add(total, verdict);
      if (verdict) judged.push({ app, ...finding, verdict, reason: entry.reason });
      else unjudged.push({ app, ...finding });
    }
  }
  return { perApp, perRule, total, unjudged, judged };
}

/** Verdicts whose finding no run reported any more (a rule changed or the app's code moved). */
export function staleVerdicts(findingsByApp, verdicts) {
  const stale = [];
  for (const [app, entries] of Object.entries(verdicts)) {
    const found = findingsByApp[app];
    if (!found) continue; // the app folder is missing: nothing to compare
    const keys = new Set(found.map((finding) => finding.key));
    for (const key of Object.keys(entries)) if (!keys.has(key)) stale.push({ app, key });
  }
  return stale;
}

/** Problems in the verdict file: unknown apps, verdicts other than bug/noise, missing reasons. */
export function verdictFileProblems(verdicts, appNames) {
  const problems = [];
  for (const [app, entries] of Object.entries(verdicts)) {
    if (!appNames.includes(app)) problems.push(`verdicts for "${app}", which apps.json does not list`);
    for (const [key, entry] of Object.entries(entries)) {
      if (!VERDICTS.includes(entry?.verdict)) problems.push(`${app}: "${key}" has verdict ${JSON.stringify(entry?.verdict)} (bug or noise)`);
      else if (typeof entry.reason !== 'string' || entry.reason.trim() === '') problems.push(`${app}: "${key}" has no reason`);
    }
  }
  return problems;
}
