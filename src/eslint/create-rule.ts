/** The one generic adapter from a rule definition to an ESLint rule. */
import type { Rule } from 'eslint';
import { resolveOptions, ruleGate, type Finding, type RuleDefinition, type TextEdit } from '../analysis/rule-api.js';
import { debug, rethrowRuleErrors } from '../analysis/debug.js';
import { fileModelFor, settingsOf } from './bridge.js';
import { lazyProjectFacts, projectRootFor } from '../analysis/project-context.js';

export function toEslintRule<Options extends object>(definition: RuleDefinition<Options>): Rule.RuleModule {
  const applies = ruleGate(definition);
  return {
    meta: {
      type: definition.type,
      docs: {
        description: definition.docs.description,
        recommended: definition.docs.recommended !== undefined,
        url: definition.docs.url,
      },
      messages: definition.messages,
      schema: definition.schema as Rule.RuleMetaData['schema'],
      defaultOptions: [definition.defaultOptions],
      ...(definition.fixable ? { fixable: definition.fixable } : {}),
      ...(definition.hasSuggestions ? { hasSuggestions: true } : {}),
    },
    create(context) {
      if (!applies(context.sourceCode.text, settingsOf(context).instanceNames)) return {};
      return {
        'Program:exit'() {
          for (const finding of runSafely(definition, context)) report(context, finding);
        },
      };
    },
  };
}

function runSafely<Options extends object>(definition: RuleDefinition<Options>, context: Rule.RuleContext): Finding[] {
  try {
    const file = fileModelFor(context);
    const project = lazyProjectFacts(file, projectRootFor(context.filename, context.cwd, file.settings.tsconfig));
    return definition.check({ file, options: resolveOptions(definition, context.options[0]), settings: file.settings, project });
  } catch (error) {
    // A linter that throws on one odd file breaks a team's CI: degrade to no findings, explain on demand.
    if (rethrowRuleErrors()) throw error;
    debug(`${definition.id} failed on ${context.filename}`, error);
    return [];
  }
}

function report(context: Rule.RuleContext, finding: Finding): void {
  const sourceCode = context.sourceCode;
  const toFix = (edits: readonly TextEdit[]) => (fixer: Rule.RuleFixer) => edits.map((edit) => fixer.replaceTextRange([edit.range[0], edit.range[1]], edit.text));
  context.report({
    loc: { start: sourceCode.getLocFromIndex(finding.range[0]), end: sourceCode.getLocFromIndex(finding.range[1]) },
    messageId: finding.messageId,
    data: finding.data,
    ...(finding.fix ? { fix: toFix(finding.fix) } : {}),
    ...(finding.suggestions?.length
      ? { suggest: finding.suggestions.map((suggestion) => ({ messageId: suggestion.messageId, data: suggestion.data, fix: toFix(suggestion.edits) })) }
      : {}),
  });
}
