/**
 * corpuslint as a library: what `import … from 'corpuslint'` gives. Kept
 * small: the entry points, the Linter, what a rule author needs, and the
 * types of what these return. Everything else is internal and may change.
 */
export { Linter, lintText, fixText, lintFiles, type LintOptions, type FixOptions, type LintResult, type LintFilesOptions } from './api.js';
export { loadConfig, type LoadConfigOptions, type LoadedConfig, type ConfigFile, type RuleSetting, type ResolvedConfig, type ResolvedRuleSetting } from './config/config.js';
export type { RuleEntry, ConfiguredRule, LintTextOptions } from './core/lint.js';
export { defineRule, NO_OPTIONS_SCHEMA, type Rule, type AnyRule, type RuleMeta, type RuleContext, type Finding, type Fix, type FixSafety, type RelatedLocation, type Severity } from './core/rule.js';
export { RuleTester, type RuleTesterOptions, type RuleTable, type ValidCase, type InvalidCase, type ExpectedMessage } from './rule-tester.js';
export type { ResolvedLocation } from './core/message.js';
export type { PlainMessage } from './core/plain-message.js';
export type { ResolvedPlugin, RuleRegistry } from './config/plugins.js';
export type { DocumentReport } from './reporters/reporter.js';
export type { Line } from './core/text/lines.js';
export type { CorpusIndex } from './core/corpus-index.js';
export type { Concurrency, FixMode } from './run/run.js';
export type { ShardFields } from './input/shards/shard.js';
export { UsageError } from './core/errors.js';
