/**
 * Third-party rules: corpuslint plugins (`{ rules: { id: rule } }`, rules
 * named `<plugin>/<id>`), unified / retext plugins (one rule each, named after
 * the package), and `--rulesdir` folders (one rule a file, named by its
 * `meta.id`). The main thread resolves each to a file URL once; every worker
 * thread then imports the same URLs, so all threads run the same code.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Root } from 'nlcst';
import type { Plugin } from 'unified';
import { builtinRulesById } from '../../rules/index.js';
import { UsageError } from '../core/errors.js';
import { retextRule } from '../core/retext-rule.js';
import { NO_OPTIONS_SCHEMA, type AnyRule, type Fixable } from '../core/rule.js';

/** Every rule a run can configure, by id, in the order reports list them when places tie. */
export type RuleRegistry = ReadonlyMap<string, AnyRule>;

export type PluginKind = 'corpuslint' | 'retext' | 'rules-dir';

/** A plugin as resolved config carries it: plain data, sent to every worker thread. */
export interface ResolvedPlugin {
  kind: PluginKind;
  /** The prefix of its rules' ids (`corpuslint`), or the rule id itself (`retext`). */
  name: string;
  /** A file URL (a folder's, for `rules-dir`). */
  specifier: string;
  /** Part of the cache key: `<package>@<version>`, or a content hash for files of one's own. */
  version: string;
}

/** Where a plugin was asked for, to name in errors and to resolve relative paths from. */
export interface PluginRequest {
  request: string;
  baseDir: string;
  /** `.corpuslintrc.json`, `--plugin`, ... */
  source: string;
}

/**
 * Resolves and imports the plugins of a config, once, on the main thread.
 * `retext` requests are unified attachers; `plugins` requests may be either
 * kind (an attacher is taken as a retext plugin).
 */
export async function resolvePlugins(requests: {
  plugins: readonly PluginRequest[];
  retext: readonly PluginRequest[];
  rulesDirs: readonly PluginRequest[];
}): Promise<{ plugins: ResolvedPlugin[]; retext: ResolvedPlugin[]; registry: RuleRegistry }> {
  const modules: ResolvedPlugin[] = [];
  for (const request of requests.plugins) modules.push(await resolveModulePlugin(request, undefined));
  const retext: ResolvedPlugin[] = [];
  for (const request of requests.retext) retext.push(await resolveModulePlugin(request, 'retext'));
  const plugins = [...modules, ...retext, ...requests.rulesDirs.map(resolveRulesDir)];
  return { plugins, retext, registry: await loadRuleRegistry(plugins) };
}

/** The built-in rules plus those of `plugins` (what a worker thread calls with the resolved config). */
export async function loadRuleRegistry(plugins: readonly ResolvedPlugin[] | undefined): Promise<RuleRegistry> {
  if (!plugins || plugins.length === 0) return builtinRulesById;
  const registry = new Map(builtinRulesById);
  for (const plugin of plugins) {
    for (const rule of await rulesOf(plugin)) {
      if (registry.has(rule.meta.id)) {
        throw new UsageError(`Rule "${rule.meta.id}" of ${describe(plugin)} is defined twice; rename the plugin or remove one of them`);
      }
      registry.set(rule.meta.id, rule);
    }
  }
  return registry;
}

async function resolveModulePlugin(request: PluginRequest, kind: 'retext' | undefined): Promise<ResolvedPlugin> {
  const file = resolveModule(request);
  const exported = await importPlugin(file, request.request);
  const isAttacher = typeof exported === 'function';
  if (kind === 'retext' && !isAttacher) {
    throw new UsageError(`"${request.request}" in ${request.source} "retext" is not a unified plugin (its default export is not a function); move it to "plugins" if it is a corpuslint plugin`);
  }
  const manifest = packageOf(file);
  const isPath = isPathRequest(request.request);
  // A folder of one's own changes without a version bump: its entry file's content stands in for one.
  const version = isPath || !manifest ? `sha256:${createHash('sha256').update(fs.readFileSync(file)).digest('hex')}` : `${manifest.name}@${manifest.version ?? '0.0.0'}`;
  const base = !isPath ? request.request : isPackageFolder(request) && manifest ? manifest.name : path.basename(file).replace(/\.[cm]?js$/, '');
  return {
    kind: isAttacher ? 'retext' : 'corpuslint',
    name: isAttacher ? base : pluginPrefix(base),
    specifier: pathToFileURL(file).href,
    version,
  };
}

function resolveRulesDir(request: PluginRequest): ResolvedPlugin {
  const dir = path.resolve(request.baseDir, request.request);
  let files: string[];
  try {
    files = ruleFilesIn(dir);
  } catch (error) {
    throw new UsageError(`Cannot read the rules folder ${dir} (${request.source}): ${(error as NodeJS.ErrnoException).code ?? error}; check the path`);
  }
  const hash = createHash('sha256');
  for (const file of files) hash.update(`${file}\0`).update(fs.readFileSync(path.join(dir, file)));
  return { kind: 'rules-dir', name: dir, specifier: pathToFileURL(dir).href, version: `sha256:${hash.digest('hex')}` };
}

function ruleFilesIn(dir: string): string[] {
  return fs
    .readdirSync(dir)
    .filter((name) => /\.m?js$/.test(name))
    .sort();
}

async function rulesOf(plugin: ResolvedPlugin): Promise<AnyRule[]> {
  if (plugin.kind === 'rules-dir') {
    const dir = fileURLToPath(plugin.specifier);
    const rules: AnyRule[] = [];
    for (const file of ruleFilesIn(dir)) {
      const exported = await importPlugin(path.join(dir, file), file);
      rules.push(checkedRule(exported, undefined, `${file} in the rules folder ${dir}`));
    }
    return rules;
  }
  const file = fileURLToPath(plugin.specifier);
  const exported = await importPlugin(file, plugin.name);
  if (plugin.kind === 'retext') {
    const manifest = packageOf(file);
    return [
      retextRule({
        name: plugin.name,
        attacher: exported as Plugin<[unknown?], Root>,
        description: manifest?.description,
        url: manifest?.homepage ?? plugin.specifier,
      }),
    ];
  }
  const rules = (exported as { rules?: unknown } | undefined)?.rules;
  if (typeof rules !== 'object' || rules === null) {
    throw new UsageError(`Plugin "${plugin.name}" (${file}) exports no rules; a plugin exports { rules: { "<id>": rule } }`);
  }
  const homepage = packageOf(file)?.homepage ?? plugin.specifier;
  return Object.entries(rules).map(([id, rule]) => checkedRule(rule, { id: `${plugin.name}/${id}`, url: homepage }, `rule "${id}" of plugin "${plugin.name}"`));
}

/**
 * A third-party rule with the optional parts of its meta filled in. A rule
 * without an options schema takes no options, as in ESLint 9.
 */
function checkedRule(value: unknown, naming: { id: string; url: string } | undefined, what: string): AnyRule {
  const rule = value as Partial<AnyRule> | undefined;
  if (typeof rule !== 'object' || rule === null || typeof rule.create !== 'function' || typeof rule.meta !== 'object' || rule.meta === null) {
    throw new UsageError(`The ${what} is not a rule; a rule is { meta, create(options) } returning { check(context) } (see docs/writing-a-rule.md)`);
  }
  const meta = rule.meta;
  const id = naming?.id ?? meta.id;
  if (typeof id !== 'string' || id === '') throw new UsageError(`The ${what} has no meta.id; give it a kebab-case id`);
  return {
    ...rule,
    create: rule.create,
    meta: {
      ...meta,
      id,
      description: meta.description ?? '',
      version: meta.version ?? 1,
      fixable: fixableOf(meta.fixable, what),
      recommended: meta.recommended ?? 'off',
      defaultOptions: meta.defaultOptions ?? {},
      optionsSchema: meta.optionsSchema ?? NO_OPTIONS_SCHEMA,
      url: meta.url ?? naming?.url,
    },
  };
}

function resolveModule({ request, baseDir, source }: PluginRequest): string {
  const require = createRequire(path.join(baseDir, 'package.json'));
  if (isPathRequest(request)) {
    const file = path.resolve(baseDir, request);
    if (!fs.existsSync(file)) throw new UsageError(`Plugin file ${file} (${source}) does not exist; check the path`);
    if (!fs.statSync(file).isDirectory()) return file;
    // A package's folder: its package.json's `main` (or index.js) is the entry file.
    try {
      return require.resolve(file);
    } catch {
      throw new UsageError(`Plugin folder ${file} (${source}) has no entry file; give its package.json a "main" or add an index.js`);
    }
  }
  try {
    return require.resolve(request);
  } catch {
    throw new UsageError(`Cannot find the plugin package "${request}" (${source}) from ${baseDir}; install it with \`npm install ${request}\``);
  }
}

async function importPlugin(file: string, request: string): Promise<unknown> {
  let module: { default?: unknown };
  try {
    module = (await import(pathToFileURL(file).href)) as { default?: unknown };
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new UsageError(`Plugin "${request}" (${file}) failed to load: ${reason}; fix it or remove it from the config`);
  }
  return module.default ?? module;
}

function isPackageFolder({ request, baseDir }: PluginRequest): boolean {
  return fs.statSync(path.resolve(baseDir, request)).isDirectory();
}

function isPathRequest(request: string): boolean {
  return request.startsWith('.') || path.isAbsolute(request);
}

/** ESLint's convention: `corpuslint-plugin-foo` → `foo`, `@scope/corpuslint-plugin-foo` → `@scope/foo`, `@scope/corpuslint-plugin` → `@scope`. */
function pluginPrefix(name: string): string {
  return name.replace(/^(@[^/]+)\/corpuslint-plugin$/, '$1').replace(/(^|\/)corpuslint-plugin-/, '$1');
}

interface Manifest {
  name: string;
  version?: string;
  description?: string;
  homepage?: string;
}

/** The package.json of the package a file belongs to (the nearest one with a name). */
function packageOf(file: string): Manifest | undefined {
  for (let dir = path.dirname(file); ; dir = path.dirname(dir)) {
    try {
      const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as Partial<Manifest>;
      if (typeof manifest.name === 'string') return manifest as Manifest;
    } catch {
      // No manifest here; look in the parent folder.
    }
    if (path.dirname(dir) === dir) return undefined;
  }
}

function describe(plugin: ResolvedPlugin): string {
  return plugin.kind === 'rules-dir' ? `the rules folder ${fileURLToPath(plugin.specifier)}` : `plugin "${plugin.name}"`;
}

const FIXABLE: ReadonlySet<unknown> = new Set(['none', 'safe', 'unsafe', 'sometimes']);

function fixableOf(value: unknown, what: string): Fixable {
  if (value === undefined) return 'none';
  if (!FIXABLE.has(value)) throw new UsageError(`The ${what} has meta.fixable ${JSON.stringify(value)}; use "none", "safe", "unsafe" or "sometimes"`);
  return value as Fixable;
}
