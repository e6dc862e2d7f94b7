/**
 * SARIF 2.1.0 (https://docs.oasis-open.org/sarif/sarif/v2.1.0/), the format GitHub code scanning
 * uploads: one run whose driver lists the enabled rules (id, description, docs link, configured
 * level) and one result per message. Locations are URIs relative to `%SRCROOT%` (the repository
 * checkout, where code scanning resolves them); a file outside it gets an absolute file URI.
 * Columns are 1-based UTF-16 code units with an exclusive end, as ESLint's and SARIF's defaults agree.
 *
 * A file that does not parse has no rule to name, and a code-scanning result needs one: it is a tool
 * execution notification instead (as CodeQL reports files it cannot extract), level `error`, which
 * tells readers the results may be incomplete. The run still succeeded (`executionSuccessful: true`):
 * code scanning drops every result of a run that did not.
 */
import { isAbsolute, relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { RuleDefinition, Severity } from '../analysis/rule-api.js';
import type { FileResult, Message, RuleMessage } from '../engine.js';
import { packageInfo } from '../package-info.js';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
const SRCROOT = '%SRCROOT%';
/** The notification descriptor of a file that does not parse. */
const PARSE_ERROR = 'parse-error';

export interface SarifOptions {
  /** The folder `%SRCROOT%` stands for: locations are relative to it. */
  baseDir: string;
  /** The rules that ran, with their configured level. */
  rules: readonly { definition: RuleDefinition<object>; severity: Severity }[];
}

const level = (severity: Severity | 1 | 2) => (severity === 'error' || severity === 2 ? 'error' : 'warning');

export function toSarif(results: readonly FileResult[], options: SarifOptions) {
  const ruleIds = options.rules.map(({ definition }) => `igniter-rt/${definition.id}`);
  const parseErrors = results.flatMap((result) =>
    result.messages
      .filter((message) => message.fatal)
      .map((message) => ({
        descriptor: { id: PARSE_ERROR, index: 0 },
        level: 'error',
        message: { text: message.message },
        locations: [
          {
            physicalLocation: {
              artifactLocation: artifactLocation(result.filePath, options.baseDir),
              // typescript-eslint's column is 0-based.
              region: { startLine: message.line, startColumn: message.column + 1 },
            },
          },
        ],
      })),
  );
  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: packageInfo.name,
            version: packageInfo.version,
            semanticVersion: packageInfo.version,
            ...(packageInfo.homepage ? { informationUri: packageInfo.homepage } : {}),
            rules: options.rules.map(({ definition, severity }, index) => ({
              id: ruleIds[index],
              name: definition.id,
              shortDescription: { text: definition.docs.description },
              fullDescription: { text: definition.docs.description },
              helpUri: definition.docs.url,
              help: { text: `${definition.docs.description}. See ${definition.docs.url}` },
              defaultConfiguration: { level: level(severity) },
              properties: { tags: ['igniter-rt', definition.type] },
            })),
            ...(parseErrors.length > 0
              ? { notifications: [{ id: PARSE_ERROR, name: 'ParseError', shortDescription: { text: 'The file does not parse, so no rule ran on it.' } }] }
              : {}),
          },
        },
        ...(parseErrors.length > 0 ? { invocations: [{ executionSuccessful: true, toolExecutionNotifications: parseErrors }] } : {}),
        originalUriBaseIds: { [SRCROOT]: { uri: pathToFileURL(options.baseDir.endsWith(sep) ? options.baseDir : `${options.baseDir}${sep}`).href } },
        columnKind: 'utf16CodeUnits',
        results: results.flatMap((result) =>
          result.messages.filter(isRuleMessage).map((message) => {
            const ruleIndex = ruleIds.indexOf(message.ruleId);
            return {
              ruleId: message.ruleId,
              ...(ruleIndex === -1 ? {} : { ruleIndex }),
              level: level(message.severity),
              message: { text: message.message },
              locations: [
                {
                  physicalLocation: {
                    artifactLocation: artifactLocation(result.filePath, options.baseDir),
                    region: { startLine: message.line, startColumn: message.column, endLine: message.endLine, endColumn: message.endColumn },
                  },
                },
              ],
            };
          }),
        ),
      },
    ],
  };
}

const isRuleMessage = (message: Message): message is RuleMessage => !message.fatal;

/** A percent-encoded URI relative to `%SRCROOT%`, or an absolute file URI for a file outside it. */
function artifactLocation(filePath: string, baseDir: string): { uri: string; uriBaseId?: string } {
  const rel = relative(baseDir, filePath);
  if (rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) return { uri: pathToFileURL(filePath).href };
  return { uri: rel.split(sep).map(encodeURIComponent).join('/'), uriBaseId: SRCROOT };
}

/** The whole log, indented (code-scanning uploads and people both read it). */
export function formatSarif(results: readonly FileResult[], options: SarifOptions): string {
  return `${JSON.stringify(toSarif(results, options), null, 2)}\n`;
}
