/**
 * Finds, validates and resolves `.corpuslintrc.json`: presets, rule severities
 * and options, file globs. Every problem becomes a UsageError that names the
 * file and the key at fault.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Ajv, type ErrorObject } from 'ajv';
import { builtinRules, builtinRulesById } from '../../rules/index.js';
import { UsageError } from '../core/errors.js';
import { DEFAULT_LIMITS, type ContentLimits } from '../core/limits.js';
import type { ConfiguredRule } from '../core/lint.js';
import { resolvePlugins, type PluginRequest, type ResolvedPlugin, type RuleRegistry } from './plugins.js';
import type { AnyRule, Severity } from '../core/rule.js';

export const CONFIG_FILE_NAME = '.corpuslintrc.json';
export const IGNORE_FILE_NAME = '.corpuslintignore';

/** Files linted when a folder is given, unless the config's `files` says otherwise. */
// `.json.gz` / `.json.zst`: Dolma's and the Common Pile's JSON Lines shards (sniffed, src/input/shards/shard.ts); plain `.json` only when named.
export const DEFAULT_FILE_GLOBS = ['**/*.txt', '**/*.md', '**/*.jsonl', '**/*.jsonl.gz', '**/*.jsonl.zst', '**/*.json.gz', '**/*.json.zst', '**/*.parquet'];

export type RuleSetting = Severity | 0 | 1 | 2 | [Severity | 0 | 1 | 2, Record<string, unknown>?];

export interface ConfigFile {
  extends?: string[];
  /** corpuslint plugins (or unified attachers): package names, or paths relative to the config. */
  plugins?: string[];
  rules?: Record<string, RuleSetting>;
  /** unified / retext plugins as rules: package name (or path) → setting, the options going to the plugin. */
  retext?: Record<string, RuleSetting>;
  files?: string[];
  ignores?: string[];
  limits?: Partial<ContentLimits>;
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
  /** Third-party rules' sources, loaded again by every worker thread; absent when there are none. */
  plugins?: ResolvedPlugin[];
  /** Sizes past which content rules skip a line or a document (src/core/limits.ts). */
  limits: ContentLimits;
}

/** A preset sets severities, and may set options (over the rule's defaults) as `[severity, options]`. */
type PresetSetting = Severity | [Severity, Record<string, unknown>];

/**
 * The document-quality presets (rules/gopher-*, c4-*, fineweb-*), each the
 * filters of one pipeline as datatrove runs them; `corpuslint:fineweb` is
 * datatrove's FineWeb example (examples/fineweb.py), whose C4 step keeps
 * lines without terminal punctuation.
 */
const QUALITY_PRESETS: Record<string, Record<string, PresetSetting>> = {
  'corpuslint:gopher': { 'gopher-repetition': 'warn', 'gopher-quality': 'warn' },
  'corpuslint:c4': { 'c4-lines': 'warn', 'c4-document': 'warn' },
  'corpuslint:fineweb': {
    'gopher-repetition': 'warn',
    'gopher-quality': 'warn',
    'c4-lines': ['warn', { filterNoTerminalPunct: false }],
    'c4-document': ['warn', { filterNoTerminalPunct: false }],
    'fineweb-quality': 'warn',
  },
};

const PRESETS: Record<string, () => Record<string, PresetSetting>> = {
  // Only the rules it turns on (the rest are off by default), so it combines with the quality presets in either order.
  'corpuslint:recommended': () => Object.fromEntries(builtinRules.filter((rule) => rule.meta.recommended !== 'off').map((rule) => [rule.meta.id, rule.meta.recommended])),
  'corpuslint:all': () =>
    Object.fromEntries(builtinRules.map((rule) => [rule.meta.id, rule.meta.recommended === 'off' ? 'warn' : rule.meta.recommended])),
  ...Object.fromEntries(Object.entries(QUALITY_PRESETS).map(([name, settings]) => [name, () => settings])),
};

const SEVERITY_SCHEMA = { anyOf: [{ enum: ['off', 'warn', 'error'] }, { enum: [0, 1, 2] }] };

const RULE_SETTINGS_SCHEMA = {
  type: 'object',
  additionalProperties: {
    anyOf: [SEVERITY_SCHEMA, { type: 'array', minItems: 1, maxItems: 2, items: [SEVERITY_SCHEMA, { type: 'object' }] }],
  },
};

const CONFIG_SCHEMA = {
  type: 'object',
  properties: {
    $schema: { type: 'string' },
    extends: { type: 'array', items: { type: 'string' } },
    plugins: { type: 'array', items: { type: 'string' } },
    rules: RULE_SETTINGS_SCHEMA,
    retext: RULE_SETTINGS_SCHEMA,
    files: { type: 'array', items: { type: 'string' } },
    ignores: { type: 'array', items: { type: 'string' } },
    limits: {
      type: 'object',
      properties: { maxLineLength: { type: 'integer', minimum: 1 }, maxDocumentLength: { type: 'integer', minimum: 1 } },
      additionalProperties: false,
    },
  },
  additionalProperties: false,
};

const ajv = new Ajv({ allErrors: false, strict: false, useDefaults: false });
const validateConfigShape = ajv.compile(CONFIG_SCHEMA);
const optionValidators = new WeakMap<object, ReturnType<typeof ajv.compile>>();

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
    // Windows editors save JSON with a byte-order mark, which JSON.parse rejects.
    parsed = JSON.parse(raw.startsWith('\uFEFF') ? raw.slice(1) : raw);
  } catch (error) {
    throw new UsageError(`Config ${configPath} is not valid JSON (${(error as Error).message}); fix the syntax`);
  }
  if (!validateConfigShape(parsed)) throw new UsageError(`Config ${configPath}: ${describeSchemaError(validateConfigShape.errors?.[0])}`);
  return parsed as ConfigFile;
}

/** Turns config (or none) plus command-line rule overrides into the settings every rule runs with. */
export function resolveConfig(
  config: ConfigFile | undefined,
  configPath: string | undefined,
  overrides: Record<string, RuleSetting> = {},
  loaded?: { plugins: ResolvedPlugin[]; registry: RuleRegistry; retextSettings: Record<string, RuleSetting>; source: string; cwd?: string },
): ResolvedConfig {
  const registry = loaded?.registry ?? builtinRulesById;
  const source = configPath ?? loaded?.source ?? 'the built-in defaults';
  const presetSettings: Record<string, PresetSetting> = {};
  for (const preset of config?.extends ?? ['corpuslint:recommended']) {
    const presetRules = PRESETS[preset];
    if (!presetRules) throw new UsageError(`Unknown preset "${preset}" in ${source}; use one of ${Object.keys(PRESETS).join(', ')}`);
    Object.assign(presetSettings, presetRules());
  }
  const rules: Record<string, ResolvedRuleSetting> = {};
  for (const rule of registry.values()) {
    const [severity, options] = [presetSettings[rule.meta.id]].flat();
    rules[rule.meta.id] = { severity: (severity as Severity | undefined) ?? 'off', options: { ...rule.meta.defaultOptions, ...(options as Record<string, unknown> | undefined) } };
  }
  // Paths in rule options (a words file) are relative to the config file that names them, or to the
  // working folder for settings from the command line or an inline config object.
  const cwd = loaded?.cwd ?? process.cwd();
  const configFolder = configPath ? path.dirname(path.resolve(cwd, configPath)) : cwd;
  applySettings(rules, registry, config?.rules ?? {}, source, configFolder);
  applySettings(rules, registry, loaded?.retextSettings ?? {}, source, configFolder);
  applySettings(rules, registry, overrides, 'the command line', cwd);
  const resolved: ResolvedConfig = {
    configPath,
    rules,
    files: config?.files ?? DEFAULT_FILE_GLOBS,
    ignores: config?.ignores ?? [],
    limits: { ...DEFAULT_LIMITS, ...config?.limits },
  };
  if (loaded && loaded.plugins.length > 0) resolved.plugins = loaded.plugins;
  return resolved;
}

function applySettings(rules: Record<string, ResolvedRuleSetting>, registry: RuleRegistry, settings: Record<string, RuleSetting>, source: string, base: string): void {
  for (const [ruleId, setting] of Object.entries(settings)) {
    const rule = registry.get(ruleId);
    if (!rule) throw new UsageError(`Unknown rule "${ruleId}" in ${source}; run \`corpuslint --list-rules\` to see the rule ids`);
    const [rawSeverity, options] = Array.isArray(setting) ? setting : [setting, undefined];
    const severity = normaliseSeverity(rawSeverity);
    const current = rules[ruleId]!;
    let merged = options ? { ...rule.meta.defaultOptions, ...options } : current.options;
    if (options) {
      validateOptions(rule, merged, source);
      if (rule.meta.resolveOptions) merged = resolveRuleOptions(rule, merged, base, source);
    }
    rules[ruleId] = { severity, options: merged };
  }
}

function resolveRuleOptions(rule: AnyRule, options: Record<string, unknown>, base: string, source: string): Record<string, unknown> {
  try {
    return rule.meta.resolveOptions!(options, base) as Record<string, unknown>;
  } catch (error) {
    if (error instanceof UsageError) throw new UsageError(`${error.message} (set in ${source})`);
    throw error;
  }
}

function normaliseSeverity(value: RuleSetting extends infer T ? T : never): Severity {
  if (value === 0 || value === 'off') return 'off';
  if (value === 1 || value === 'warn') return 'warn';
  return 'error';
}

export function validateOptions(rule: AnyRule, options: Record<string, unknown>, source: string): void {
  // Keyed on the schema object: a plugin's rule may share an id with another config's.
  let validate = optionValidators.get(rule.meta.optionsSchema);
  if (!validate) {
    validate = ajv.compile(rule.meta.optionsSchema);
    optionValidators.set(rule.meta.optionsSchema, validate);
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
export function configuredRules(config: ResolvedConfig, registry: RuleRegistry = builtinRulesById): ConfiguredRule[] {
  return [...registry.values()].flatMap((rule) => {
    const setting = config.rules[rule.meta.id];
    if (!setting || setting.severity === 'off') return [];
    return [{ rule, severity: setting.severity, options: setting.options }];
  });
}

export interface LoadConfigOptions {
  /** Where relative paths start and the config is looked up from; default `process.cwd()`. */
  cwd?: string;
  /**
   * A config file's path (relative to `cwd`), or a config object (its plugin
   * paths relative to `cwd`). Default: `.corpuslintrc.json` looked up from
   * `cwd` upward, as the CLI does, or the recommended rules when there is none.
   */
  config?: string | ConfigFile;
  /** Rule settings laid over the config's, as `--rule` gives them. */
  rules?: Record<string, RuleSetting>;
  /** More plugins (package names or paths relative to `cwd`), as `--plugin` gives them. */
  plugins?: readonly string[];
  /** Folders of rule files, as `--rulesdir` gives them. */
  rulesDirs?: readonly string[];
}

export interface LoadedConfig {
  config: ResolvedConfig;
  /** Every rule the config can name, built-in and third-party. */
  registry: RuleRegistry;
}

/** The CLI's config step and the library's: find, read, load plugins, resolve. */
export async function loadConfig(options: LoadConfigOptions = {}): Promise<LoadedConfig> {
  const cwd = path.resolve(options.cwd ?? process.cwd());
  const configPath = typeof options.config === 'string' ? path.resolve(cwd, options.config) : options.config ? undefined : findConfigFile(cwd);
  const file = typeof options.config === 'object' ? options.config : configPath ? readConfigFile(configPath) : undefined;
  const source = configPath ?? (file ? 'the config object' : 'the built-in defaults');
  const baseDir = configPath ? path.dirname(configPath) : cwd;
  const fromConfig = (request: string): PluginRequest => ({ request, baseDir, source });
  const fromCaller = (flag: string) => (request: string): PluginRequest => ({ request, baseDir: cwd, source: flag });
  const retextRequests = Object.keys(file?.retext ?? {}).map(fromConfig);
  const loaded = await resolvePlugins({
    plugins: [...(file?.plugins ?? []).map(fromConfig), ...(options.plugins ?? []).map(fromCaller('--plugin'))],
    retext: retextRequests,
    rulesDirs: (options.rulesDirs ?? []).map(fromCaller('--rulesdir')),
  });
  // A retext setting is keyed as written (a package name or a path); its rule is named after the plugin.
  const retextSettings = Object.fromEntries(Object.values(file?.retext ?? {}).map((setting, index) => [loaded.retext[index]!.name, setting]));
  const config = resolveConfig(file, configPath, options.rules ?? {}, { ...loaded, retextSettings, source, cwd });
  return { config, registry: loaded.registry };
}
