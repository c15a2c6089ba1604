/**
 * The per-document core: text in, vfile with messages out. Knows nothing of
 * files on disk, config files or terminals (the CLI owns those), so tests and
 * other programs can call it directly.
 */
import type { Root } from 'nlcst';
import { ParseEnglish } from 'parse-english';
import { unified, type Processor } from 'unified';
import { VFile } from 'vfile';
import type { CorpusIndex } from './corpus-index.js';
import { contentView, DEFAULT_LIMITS, type ContentLimits } from './limits.js';
import { MESSAGE_SOURCE, reportFinding } from './message.js';
import { siteOfDocument } from './site.js';
import type { AnyRule, RuleInstance, Severity } from './rule.js';
import { splitLines, type Line } from './text/lines.js';

export interface ConfiguredRule {
  rule: AnyRule;
  severity: Exclude<Severity, 'off'>;
  options: unknown;
}

/** A configured rule with its instance for this Linter's run. */
interface RunningRule extends ConfiguredRule {
  instance: RuleInstance;
}

/**
 * A rule as a caller hands it to `Linter`: severity defaults to `warn`, and
 * options are laid over the rule's `meta.defaultOptions` as the config layer
 * does, so a rule never sees options it did not declare defaults for.
 */
export interface RuleEntry {
  rule: AnyRule;
  severity?: Exclude<Severity, 'off'>;
  options?: unknown;
}

export interface LintTextOptions {
  filePath?: string;
  corpus?: CorpusIndex;
  /** The document's site; by default the per-host folder it sits in, if any (src/core/site.ts). */
  site?: string;
}

/** What every rule of one run shares about the document being linted. */
interface DocumentState {
  text: string;
  lines: Line[];
  /** What content rules see: over-long lines blanked, nothing of an over-long document. */
  content: { text: string; lines: Line[] };
  /** `RuleContext.memo`'s values for each view of the text (layout rules see all of it, content rules `content`). */
  memos: { whole: Map<symbol | string, unknown>; content: Map<symbol | string, unknown> };
  corpus: CorpusIndex | undefined;
  site: string | undefined;
}

const EMPTY_ROOT: Root = { type: 'RootNode', children: [] };

export class Linter {
  readonly rules: readonly ConfiguredRule[];
  private readonly processor: Processor<Root, Root, Root>;
  private readonly limits: ContentLimits;

  constructor(rules: readonly RuleEntry[], limits: ContentLimits = DEFAULT_LIMITS) {
    this.rules = rules.map(withDefaults);
    this.limits = limits;
    const needsTree = rules.some(({ rule }) => rule.meta.needsTree);
    let processor = unified().use(corpusParser, { needsTree }) as unknown as Processor<Root, Root, Root>;
    // unified keeps one entry per attacher and deep-merges the options of a repeated `use` into the first
    // (mutating the rule objects themselves), so every rule gets an attacher of its own.
    for (const configured of this.rules) {
      const running: RunningRule = { ...configured, instance: configured.rule.create(configured.options) };
      processor = processor.use(() => rulePlugin(running)) as typeof processor;
    }
    this.processor = processor.freeze();
  }

  /** Lints one document; its messages are on the returned file, sorted by place. */
  lint(text: string, options: LintTextOptions = {}): VFile {
    const file = new VFile({ value: text, path: options.filePath });
    const lines = splitLines(text);
    const content = contentView(text, lines, this.limits);
    const state: DocumentState = {
      text,
      lines,
      content,
      memos: { whole: new Map(), content: new Map() },
      corpus: options.corpus,
      site: options.site ?? siteOfDocument(options.filePath),
    };
    file.data.corpuslint = state;
    if (content.notice) {
      const at = content.notice.line;
      const place = at && { start: { line: at.number, column: 1 }, end: { line: at.number, column: at.end - at.start + 1 } };
      file.info(content.notice.reason, { place, source: MESSAGE_SOURCE });
    }
    const tree = this.processor.parse(new VFile({ value: content.text }));
    this.processor.runSync(tree, file);
    file.messages.sort(byPlace);
    return file;
  }
}

function withDefaults({ rule, severity = 'warn', options }: RuleEntry): ConfiguredRule {
  const given = typeof options === 'object' && options !== null ? options : {};
  return { rule, severity, options: { ...rule.meta.defaultOptions, ...given } };
}

declare module 'vfile' {
  interface DataMap {
    corpuslint: DocumentState;
  }
}

/**
 * Line-level rules need no syntax tree, and parsing is most of retext's cost,
 * so the tree is only built when an enabled rule asks for it.
 */
function corpusParser(this: Processor, options: { needsTree: boolean }) {
  this.parser = (value: string): Root => (options.needsTree ? new ParseEnglish().parse(value) : EMPTY_ROOT);
}

/** Wraps a corpuslint rule as a unified plugin: an attacher returning a transformer. */
function rulePlugin(running: RunningRule) {
  const { rule, severity, instance } = running;
  const stamp = { ruleId: rule.meta.id, severity, fixable: rule.meta.fixable, messages: rule.meta.messages, url: rule.meta.url };
  return (tree: Root, file: VFile): undefined => {
    const state = file.data.corpuslint;
    if (!state) throw new Error('corpuslint rules run through Linter.lint');
    try {
      const layout = rule.meta.type === 'layout';
      const seen = layout ? state : state.content;
      const memos = layout ? state.memos.whole : state.memos.content;
      instance.check({
        text: seen.text,
        lines: seen.lines,
        filePath: file.path,
        site: state.site,
        tree: rule.meta.needsTree ? tree : undefined,
        corpus: state.corpus,
        report: (finding) => {
          reportFinding(file, state.lines, finding, stamp);
        },
        memo: <T>(key: symbol | string, compute: () => T): T => {
          if (memos.has(key)) return memos.get(key) as T;
          const value = compute();
          memos.set(key, value);
          return value;
        },
      });
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      const message = file.message(`Rule crashed on this text (${reason}); please report it with the file`, {
        ruleId: rule.meta.id,
        source: 'corpuslint',
      });
      message.fatal = true;
    }
    return undefined;
  };
}

function byPlace(a: { line?: number; column?: number }, b: { line?: number; column?: number }): number {
  return (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0);
}
