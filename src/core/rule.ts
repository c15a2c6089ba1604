/**
 * The contract between the engine and a rule, as ESLint's: a rule is data
 * (`meta`) plus `create(options)`, which a Linter calls once to get the
 * rule's instance for its run; the instance's `check` reads one document and
 * reports findings. State a rule keeps between documents (a vocabulary, a
 * cache of verdicts) lives on the instance, so two Linters never share it.
 * The engine turns each instance into a unified plugin, stamps messages and
 * applies fixes.
 */
import type { Root } from 'nlcst';
import { CORPUS_PARTS, type CorpusIndex, type CorpusPart } from './corpus-index.js';
import type { Line } from './text/lines.js';

export type Severity = 'off' | 'warn' | 'error';

/** Replace `text.slice(range[0], range[1])` with `text` (`''` deletes). Offsets are UTF-16 code units. */
export interface Fix {
  range: [number, number];
  text: string;
}

/** Safe fixes are applied by `--fix`; unsafe ones only with `--unsafe-fixes`. */
export type FixSafety = 'safe' | 'unsafe';

/**
 * Whether a rule offers fixes and how safe they are: `safe` or `unsafe` for
 * all of its fixes, `sometimes` when each finding says (a finding that does
 * not is taken as unsafe), `none` when it never fixes.
 */
export type Fixable = 'none' | FixSafety | 'sometimes';

/** A place in another file (or elsewhere in this one) that explains a finding. */
export interface RelatedLocation {
  message: string;
  /** Omit for the file being linted. */
  filePath?: string;
  /** An offset into the linted file's text; used when `filePath` is omitted. */
  offset?: number;
  endOffset?: number;
  /** 1-based line / column, for places in other files. */
  line?: number;
  column?: number;
  endLine?: number;
  endColumn?: number;
}

export interface Finding {
  /** For a person: what is wrong, then what to do. Or give `messageId`. */
  message?: string;
  /**
   * A key of the rule's `meta.messages`: the message is that template with
   * `{{name}}` filled from `data`, and reporters see the id (ESLint's JSON).
   */
  messageId?: string;
  /** Offsets into the document's text; `end` is exclusive. */
  start: number;
  end: number;
  fix?: Fix;
  /** Defaults to the rule's `meta.fixable` (`sometimes`: unsafe unless said). */
  fixSafety?: FixSafety;
  related?: RelatedLocation[];
  /**
   * `info`: a note rather than a problem, whatever the rule's severity (a
   * document the rule skipped, and why), as the engine's own size-limit notes.
   */
  severity?: 'info';
  /** Machine-readable detail a reporter may show (e.g. a near-duplicate cluster); fills a `messageId`'s placeholders. */
  data?: Record<string, unknown>;
  /**
   * Set when the finding is another tool's message (a retext plugin's): the
   * message keeps that tool's own `ruleId`, `source` and `url`.
   */
  origin?: { ruleId?: string; source?: string; url?: string };
}

export interface RuleContext {
  readonly text: string;
  /** The document's lines without their terminators (`\n` or `\r\n`). */
  readonly lines: readonly Line[];
  /** Path of the document, or a record id inside a shard; undefined for bare text. */
  readonly filePath: string | undefined;
  /** The site the document comes from (src/core/site.ts), when the corpus says; undefined otherwise. */
  readonly site: string | undefined;
  /** The retext (NLCST) tree; only parsed for rules whose meta sets `needsTree`. */
  readonly tree: Root | undefined;
  /** The cross-document index; undefined when linting a single text with no corpus. */
  readonly corpus: CorpusIndex | undefined;
  report(finding: Finding): void;
  /**
   * What several rules compute from the same text, computed once per
   * document: the first rule to ask with `key` runs `compute`, the others of
   * this lint get its value. Keys are module-level constants (a symbol, or a
   * string naming the computation and the options it depends on).
   */
  memo<T>(key: symbol | string, compute: () => T): T;
}

export interface RuleMeta<Options> {
  /** Kebab-case; `no-` prefix for rules that forbid something. */
  id: string;
  /** One line, for `--help`, SARIF and docs. */
  description: string;
  /** Where the rule is documented; built-in rules default to their page `rules/<id>.md`. */
  url?: string;
  /** Bumped whenever the rule's results can change; part of the cache key. */
  version: number;
  /** Whether the rule offers fixes, and how safe they are. */
  fixable: Fixable;
  /** Message templates by id, for `Finding.messageId` (ESLint's `meta.messages`). */
  messages?: Record<string, string>;
  /**
   * `layout`: a formatting rule, one linear scan of each line, run on text of
   * any size. Other rules are content rules, which skip lines and documents
   * past the configured size limits (src/core/limits.ts).
   */
  type?: 'layout';
  /** Severity in the `corpuslint:recommended` preset. */
  recommended: Severity;
  /** Parse the text into a retext tree for this rule. */
  needsTree?: boolean;
  /**
   * The rule reads `context.corpus`: the parts of the index it reads
   * (src/core/corpus-index.ts), or `true` for all of them. Before linting
   * the engine builds the parts some enabled rule reads, and no index when
   * none reads one.
   */
  usesCorpus?: boolean | readonly CorpusPart[];
  defaultOptions: Options;
  /** JSON Schema of the options object; config validation names the bad key. */
  optionsSchema: Record<string, unknown>;
  /**
   * Called once when the config is read, after validation: resolves paths in
   * the options against `base` (the config file's folder, or the working
   * folder for command-line settings) and throws a UsageError for what
   * cannot work (a missing file), so the run fails up front with exit 2.
   */
  resolveOptions?(options: Options, base: string): Options;
}

/** What `create` returns: the rule for one run. */
export interface RuleInstance {
  check(context: RuleContext): void;
}

export interface Rule<Options = Record<string, never>> {
  meta: RuleMeta<Options>;
  /** Called once per Linter with the options laid over `meta.defaultOptions`. */
  create(options: Options): RuleInstance;
}

/** Rules of any option shape, as the registry holds them. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyRule = Rule<any>;

/** The parts of the corpus index these rules read, in CORPUS_PARTS order (empty: no index is needed). */
export function corpusPartsRead(metas: ReadonlyArray<Pick<RuleMeta<unknown>, 'usesCorpus'>>): CorpusPart[] {
  const read = new Set(metas.flatMap(({ usesCorpus }) => (usesCorpus === true ? CORPUS_PARTS : usesCorpus || [])));
  return CORPUS_PARTS.filter((part) => read.has(part));
}

/** Identity with type inference, so rule files read `export default defineRule({...})`. */
export function defineRule<Options>(rule: Rule<Options>): Rule<Options> {
  return rule;
}

/** The options schema of a rule that takes none: any key is reported as unknown. */
export const NO_OPTIONS_SCHEMA: Record<string, unknown> = { type: 'object', properties: {}, additionalProperties: false };
