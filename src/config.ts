/**
 * Finds, validates and resolves `.corpuslintrc.json`: presets, rule severities
 * and options, file globs. Every problem becomes a UsageError that names the
 * file and the key at fault.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Ajv, type ErrorObject } from 'ajv';
import { builtinRules, builtinRulesById } from '../rules/index.js';
import { UsageError } from './errors.js';
import type { ConfiguredRule } from './lint.js';
import type { AnyRule, Severity } from './rule.js';

export const CONFIG_FILE_NAME = '.corpuslintrc.json';
export const IGNORE_FILE_NAME = '.corpuslintignore';

/** Files linted when a folder is given, unless the config's `files` says otherwise. */
export const DEFAULT_FILE_GLOBS = ['**/*.txt', '**/*.md', '**/*.jsonl', '**/*.jsonl.gz', '**/*.jsonl.zst', '**/*.parquet'];

export type RuleSetting = Severity | 0 | 1 | 2 | [Severity | 0 | 1 | 2, Record<string, unknown>?];

export interface ConfigFile {
  extends?: string[];
  rules?: Record<string, RuleSetting>;
  files?: string[];
  ignores?: string[];
}

export interface ResolvedRuleSetting {
  severity: Severity;
  options: Record<string, unknown>;
}

export interface ResolvedConfig {
  /** The config file used, or undefined for the built-in defaults. */
  configPath: string | undefined;
  rules: Record<string, ResolvedRuleSetting>;
  files: string[];
  ignores: string[];
}

const PRESETS: Record<string, () => Record<string, Severity>> = {
  'corpuslint:recommended': () => Object.fromEntries(builtinRules.map((rule) => [rule.meta.id, rule.meta.recommended])),
  'corpuslint:all': () =>
    Object.fromEntries(builtinRules.map((rule) => [rule.meta.id, rule.meta.recommended === 'off' ? 'warn' : rule.meta.recommended])),
};

const SEVERITY_SCHEMA = { anyOf: [{ enum: ['off', 'warn', 'error'] }, { enum: [0, 1, 2] }] };

const CONFIG_SCHEMA = {
  type: 'object',
  properties: {
    $schema: { type: 'string' },
    extends: { type: 'array', items: { type: 'string' } },
    rules: {
      type: 'object',
      additionalProperties: {
        anyOf: [
          SEVERITY_SCHEMA,
          { type: 'array', minItems: 1, maxItems: 2, items: [SEVERITY_SCHEMA, { type: 'object' }] },
        ],
      },
    },
    files: { type: 'array', items: { type: 'string' } },
    ignores: { type: 'array', items: { type: 'string' } },
  },
  additionalProperties: false,
};

const ajv = new Ajv({ allErrors: false, strict: false, useDefaults: false });
const validateConfigShape = ajv.compile(CONFIG_SCHEMA);
const optionValidators = new Map<string, ReturnType<typeof ajv.compile>>();

/** Looks for `.corpuslintrc.json` in `cwd` and its parents. */
export function findConfigFile(cwd: string): string | undefined {
  let dir = path.resolve(cwd);
  while (true) {
    const candidate = path.join(dir, CONFIG_FILE_NAME);
    if (fs.existsSync(candidate)) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

export function readConfigFile(configPath: string): ConfigFile {
  let raw: string;
  try {
    raw = fs.readFileSync(configPath, 'utf8');
  } catch (error) {
    throw new UsageError(`Cannot read config ${configPath}: ${(error as NodeJS.ErrnoException).code ?? error}; check the path`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch (error) {
    throw new UsageError(`Config ${configPath} is not valid JSON (${(error as Error).message}); fix the syntax`);
  }
  if (!validateConfigShape(parsed)) throw new UsageError(`Config ${configPath}: ${describeSchemaError(validateConfigShape.errors?.[0])}`);
  return parsed as ConfigFile;
}

/** Turns config (or none) plus command-line rule overrides into the settings every rule runs with. */
export function resolveConfig(config: ConfigFile | undefined, configPath: string | undefined, overrides: Record<string, RuleSetting> = {}): ResolvedConfig {
  const source = configPath ?? 'the built-in defaults';
  const severities: Record<string, Severity> = {};
  for (const preset of config?.extends ?? ['corpuslint:recommended']) {
    const presetRules = PRESETS[preset];
    if (!presetRules) throw new UsageError(`Unknown preset "${preset}" in ${source}; use one of ${Object.keys(PRESETS).join(', ')}`);
    Object.assign(severities, presetRules());
  }
  const rules: Record<string, ResolvedRuleSetting> = {};
  for (const rule of builtinRules) {
    rules[rule.meta.id] = { severity: severities[rule.meta.id] ?? 'off', options: { ...rule.meta.defaultOptions } };
  }
  applySettings(rules, config?.rules ?? {}, source);
  applySettings(rules, overrides, 'the command line');
  return {
    configPath,
    rules,
    files: config?.files ?? DEFAULT_FILE_GLOBS,
    ignores: config?.ignores ?? [],
  };
}

function applySettings(rules: Record<string, ResolvedRuleSetting>, settings: Record<string, RuleSetting>, source: string): void {
  for (const [ruleId, setting] of Object.entries(settings)) {
    const rule = builtinRulesById.get(ruleId);
    if (!rule) throw new UsageError(`Unknown rule "${ruleId}" in ${source}; run \`corpuslint --list-rules\` to see the rule ids`);
    const [rawSeverity, options] = Array.isArray(setting) ? setting : [setting, undefined];
    const severity = normaliseSeverity(rawSeverity);
    const current = rules[ruleId]!;
    const merged = options ? { ...rule.meta.defaultOptions, ...options } : current.options;
    if (options) validateOptions(rule, merged, source);
    rules[ruleId] = { severity, options: merged };
  }
}

function normaliseSeverity(value: RuleSetting extends infer T ? T : never): Severity {
  if (value === 0 || value === 'off') return 'off';
  if (value === 1 || value === 'warn') return 'warn';
  return 'error';
}

function validateOptions(rule: AnyRule, options: Record<string, unknown>, source: string): void {
  let validate = optionValidators.get(rule.meta.id);
  if (!validate) {
    validate = ajv.compile(rule.meta.optionsSchema);
    optionValidators.set(rule.meta.id, validate);
  }
  if (!validate(options)) {
    throw new UsageError(`Invalid options for rule "${rule.meta.id}" in ${source}: ${describeSchemaError(validate.errors?.[0])}`);
  }
}

function describeSchemaError(error: ErrorObject | undefined): string {
  if (!error) return 'invalid';
  const where = error.instancePath ? error.instancePath.slice(1).split('/').join('.') : 'the top level';
  if (error.keyword === 'additionalProperties') {
    const key = String(error.params.additionalProperty);
    return `unknown key "${where === 'the top level' ? key : `${where}.${key}`}"; remove it or check its spelling`;
  }
  if (/^\/rules\/[^/]+(\/0)?$/.test(error.instancePath)) {
    return `${where.replace(/\.0$/, '')} must be a severity ("off", "warn", "error") or [severity, {options}]`;
  }
  if (error.keyword === 'enum') return `${where} must be one of ${(error.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
  if (error.keyword === 'anyOf') return `${where} must be a severity ("off", "warn", "error") or [severity, {options}]`;
  return `${where} ${error.message ?? 'is invalid'}`;
}

/**
 * Parses `--rule` values, as ESLint does: `"no-site-chrome: error"`,
 * `"no-duplicate-lines: [warn, {\"window\": 5}]"` or a JSON object.
 */
export function parseRuleOverride(value: string): Record<string, RuleSetting> {
  const trimmed = value.trim();
  if (trimmed.startsWith('{')) {
    try {
      return JSON.parse(trimmed) as Record<string, RuleSetting>;
    } catch {
      throw new UsageError(`--rule ${JSON.stringify(value)} is not valid JSON; write it as '<rule-id>: <severity>'`);
    }
  }
  const colon = trimmed.indexOf(':');
  if (colon === -1) throw new UsageError(`--rule ${JSON.stringify(value)} needs a severity; write it as '<rule-id>: error'`);
  const ruleId = trimmed.slice(0, colon).trim();
  const settingText = trimmed.slice(colon + 1).trim();
  let setting: RuleSetting;
  try {
    setting = JSON.parse(settingText.replace(/\b(off|warn|error)\b/g, '"$1"').replace(/""/g, '"')) as RuleSetting;
  } catch {
    throw new UsageError(`--rule ${JSON.stringify(value)}: cannot read the setting "${settingText}"; use off, warn, error or [severity, {options}]`);
  }
  const shaped = { [ruleId]: setting };
  if (!validateConfigShape({ rules: shaped })) {
    throw new UsageError(`--rule ${JSON.stringify(value)}: ${describeSchemaError(validateConfigShape.errors?.[0])}`);
  }
  return shaped;
}

/** The rules to run, in registry order, with their severity and options. */
export function configuredRules(config: ResolvedConfig): ConfiguredRule[] {
  return builtinRules.flatMap((rule) => {
    const setting = config.rules[rule.meta.id];
    if (!setting || setting.severity === 'off') return [];
    return [{ rule, severity: setting.severity, options: setting.options }];
  });
}
