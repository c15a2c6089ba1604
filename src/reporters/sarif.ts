/**
 * SARIF 2.1.0, the format code-scanning services (GitHub, Azure DevOps, IDE
 * viewers) read: one run, the rules as reporting descriptors with their
 * documentation, a result per problem, file-level problems as tool execution
 * notifications. Checked against the OASIS schema and against
 * `sarif-multitool validate --rule-kind "Gh;Sarif"` (test/reporters/sarif.test.ts).
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type * as Sarif from 'sarif';
import type { VFileMessage } from 'vfile-message';
import type { ResolvedLocation } from '../core/message.js';
import type { AnyRule } from '../core/rule.js';
import { projectFileUrl } from '../core/project-links.js';
import { corpuslintVersion } from '../version.js';
import { describeFix, isError, isFileLevel, spanOf, withRecordPlace, type Span } from './problems.js';
import type { DocumentReport, Reporter } from './reporter.js';
import { ruleDocs } from './rule-docs.js';

export const SARIF_SCHEMA_URI = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';

/** Relative artifact URIs resolve against this base, which `originalUriBaseIds` maps to the source root. */
const SOURCE_ROOT = '%SRCROOT%';

/** GitHub's code scanning rejects a run with more results than this (its documented upload limits). */
export const GITHUB_MAX_RESULTS_PER_RUN = 25_000;

/** The key of our fingerprint in `partialFingerprints`; the version changes if the recipe does. */
export const FINGERPRINT_KEY = 'corpuslintFingerprint/v1';

/**
 * The log is written as it goes: the run's tool and settings, then its
 * results one document at a time, then what is known only at the end (the
 * invocation with its notifications, the artifact list). SARIF does not order
 * a run's properties, so `results` can come before them. With a result cap,
 * results are held (at most the cap, as their JSON text) until the end, so
 * that errors found late can still displace warnings.
 */
export const sarifReporter: Reporter = (context) => {
  const rules = [...context.rules.values()];
  const ruleIndex = new Map(rules.map((rule, index) => [rule.meta.id, index]));
  const sourceRoot = context.sourceRoot ?? findSourceRoot(context.cwd);
  const artifacts = new ArtifactTable(sourceRoot);
  const notifications: Sarif.Notification[] = [];
  const capped = context.maxResults !== undefined && context.maxResults > 0 ? new ResultCap(context.maxResults) : undefined;
  let separator = '';

  return {
    header() {
      const log: Sarif.Log = {
        $schema: SARIF_SCHEMA_URI,
        version: '2.1.0',
        runs: [
          {
            tool: {
              driver: {
                name: 'corpuslint',
                version: corpuslintVersion(),
                semanticVersion: corpuslintVersion(),
                informationUri: projectFileUrl('README.md'),
                rules: rules.map(toReportingDescriptor),
              },
            },
            // GitHub files a run's alerts under this category ("corpuslint"), so a second tool's upload does not close them.
            automationDetails: { id: 'corpuslint/' },
            originalUriBaseIds: { [SOURCE_ROOT]: { uri: directoryUri(sourceRoot) } },
            // Our columns and fix offsets count UTF-16 code units, as JavaScript strings do.
            columnKind: 'utf16CodeUnits',
            results: [],
          },
        ],
      };
      // Everything up to the results array, opened: `...\n      "results": [`.
      const text = JSON.stringify(log, null, 2);
      return text.slice(0, text.lastIndexOf('[]') + 1);
    },
    document(report) {
      let chunk = '';
      const fingerprints = new FingerprintCounter(artifacts.documentName(report));
      for (const message of report.messages) {
        if (isFileLevel(message)) {
          notifications.push(toNotification(report, message, artifacts, ruleIndex));
          continue;
        }
        const result = toResult(report, message, artifacts, ruleIndex, fingerprints);
        const text = `\n${RESULT_INDENT}${indent(result, RESULT_INDENT)}`;
        if (capped) {
          capped.add(text, result.level === 'error');
        } else {
          chunk += `${separator}${text}`;
          separator = ',';
        }
      }
      return chunk;
    },
    footer() {
      let results = '';
      if (capped) {
        results = capped.kept().join(',');
        const dropped = capped.droppedNotice();
        if (dropped) {
          notifications.push({ level: 'warning', message: { text: dropped } });
          context.notice?.(dropped);
        }
      }
      const invocation: Sarif.Invocation = {
        // A document that could not be read, or a rule that crashed on it, means the analysis is incomplete.
        executionSuccessful: !notifications.some((notification) => notification.level === 'error'),
        ...(notifications.length > 0 ? { toolExecutionNotifications: notifications } : {}),
      };
      const closeResults = separator === '' && results === '' ? ']' : `\n${RUN_INDENT}  ]`;
      const rest = `,\n${RUN_INDENT}  "invocations": ${indent([invocation], `${RUN_INDENT}  `)},\n${RUN_INDENT}  "artifacts": [${artifacts.serialized(`${RUN_INDENT}    `)}]`;
      return `${results}${closeResults}${rest}\n${RUN_INDENT}}\n  ]\n}\n`;
    },
  };
};

/** Where the log's one run and its results sit in the two-space indented output. */
const RUN_INDENT = '    ';
const RESULT_INDENT = `${RUN_INDENT}    `;

/** `value` as indented JSON, its lines after the first shifted to sit at `prefix` (JSON strings hold no raw newlines). */
function indent(value: unknown, prefix: string): string {
  return JSON.stringify(value, null, 2).replace(/\n/g, `\n${prefix}`);
}

function toReportingDescriptor(rule: AnyRule): Sarif.ReportingDescriptor {
  const { id, description, recommended, fixable } = rule.meta;
  const docs = ruleDocs(rule);
  return {
    id,
    name: pascalCase(id),
    shortDescription: { text: description },
    fullDescription: { text: docs.fullDescription },
    help: { text: docs.helpText, markdown: docs.helpMarkdown },
    helpUri: docs.url,
    defaultConfiguration:
      recommended === 'off' ? { enabled: false } : { level: recommended === 'error' ? 'error' : 'warning' },
    properties: { tags: ['corpus', fixable ? 'fixable' : 'no-fix'] },
  };
}

/** SARIF's convention for `name`: an identifier without separators (`no-site-chrome` → `NoSiteChrome`). */
function pascalCase(id: string): string {
  return id.replace(/(?:^|[-_\s]+)(\w)/g, (_, letter: string) => letter.toUpperCase());
}

function toResult(
  report: DocumentReport,
  message: VFileMessage,
  artifacts: ArtifactTable,
  ruleIndex: ReadonlyMap<string, number>,
  fingerprints: FingerprintCounter,
): Sarif.Result {
  const artifactLocation = artifacts.locate(report.filePath);
  const span = spanOf(message);
  const inRecord = report.recordId !== undefined;
  const location: Sarif.Location = inRecord
    ? {
        // A record's lines count within its text, not the shard's: the shard is the artifact, the record a
        // logical place in it, and the region is the shard's first line (GitHub places every alert on a line).
        physicalLocation: { artifactLocation, region: { startLine: 1 } },
        logicalLocations: [{ name: report.recordId, fullyQualifiedName: artifacts.documentName(report), kind: 'element' }],
      }
    : { physicalLocation: { artifactLocation, region: regionOf(span) } };
  const result: Sarif.Result = {
    ...ruleReference(message, ruleIndex),
    level: levelOf(message),
    message: { text: withRecordPlace(report, message) },
    locations: [location],
    partialFingerprints: { [FINGERPRINT_KEY]: fingerprints.next(message) },
  };
  if (message.related?.length) {
    result.relatedLocations = message.related.map((related, id) => toRelatedLocation(related, id, report, artifacts));
  }
  // Inside a shard the offsets count within the record's text; applied to the
  // shard file they would corrupt it, so record results carry no fixes.
  if (message.fix && !inRecord) {
    const { range, text } = message.fix;
    const replacement: Sarif.Replacement = { deletedRegion: { charOffset: range[0], charLength: range[1] - range[0] } };
    if (text !== '') replacement.insertedContent = { text };
    result.fixes = [
      {
        description: { text: describeFix(message, message.fix) },
        artifactChanges: [{ artifactLocation, replacements: [replacement] }],
        properties: { fixSafety: message.fixSafety ?? 'safe' },
      },
    ];
  }
  const properties: Sarif.PropertyBag = {};
  if (inRecord) {
    properties.recordId = report.recordId;
    const recordRegion = regionOf(span);
    if (recordRegion) properties.recordRegion = recordRegion;
  }
  if (message.data) properties.data = message.data;
  if (Object.keys(properties).length > 0) result.properties = properties;
  return result;
}

function toNotification(
  report: DocumentReport,
  message: VFileMessage,
  artifacts: ArtifactTable,
  ruleIndex: ReadonlyMap<string, number>,
): Sarif.Notification {
  const location: Sarif.Location = { physicalLocation: { artifactLocation: artifacts.locate(report.filePath) } };
  if (report.recordId !== undefined) {
    location.logicalLocations = [{ name: report.recordId, fullyQualifiedName: artifacts.documentName(report), kind: 'element' }];
  }
  const notification: Sarif.Notification = { level: levelOf(message), message: { text: withRecordPlace(report, message) }, locations: [location] };
  const rule = ruleReference(message, ruleIndex);
  if (rule.ruleId !== undefined) {
    notification.associatedRule = { id: rule.ruleId, ...(rule.ruleIndex === undefined ? {} : { index: rule.ruleIndex }) };
  }
  if (report.recordId !== undefined) notification.properties = { recordId: report.recordId };
  return notification;
}

function ruleReference(message: VFileMessage, ruleIndex: ReadonlyMap<string, number>): { ruleId?: string; ruleIndex?: number } {
  if (!message.ruleId) return {};
  const index = ruleIndex.get(message.ruleId);
  return index === undefined ? { ruleId: message.ruleId } : { ruleId: message.ruleId, ruleIndex: index };
}

function levelOf(message: VFileMessage): Sarif.Result.level {
  return isError(message) ? 'error' : message.fatal === false ? 'warning' : 'note';
}

/** SARIF regions are 1-based with an exclusive end column, as ours. */
function regionOf(span: Span | undefined): Sarif.Region | undefined {
  if (!span) return undefined;
  const region: Sarif.Region = { startLine: span.line, startColumn: span.column };
  if (span.endLine !== undefined) region.endLine = span.endLine;
  if (span.endColumn !== undefined) region.endColumn = span.endColumn;
  return region;
}

function toRelatedLocation(
  related: ResolvedLocation,
  id: number,
  report: DocumentReport,
  artifacts: ArtifactTable,
): Sarif.Location {
  const artifactLocation =
    related.filePath === undefined ? artifacts.locate(report.filePath) : artifacts.reference(related.filePath);
  return {
    id,
    physicalLocation: {
      artifactLocation,
      region: regionOf({ line: related.line, column: related.column, endLine: related.endLine, endColumn: related.endColumn }),
    },
    message: { text: related.message },
  };
}

/**
 * `partialFingerprints`: what lets GitHub match an alert across runs when
 * lines move. Ours hashes the rule, the document's name under the source
 * root, the text the message is about (the fix's `actual`, or the message
 * without its digits, which name lines and percentages that shift), and
 * counts repeats of the same hash within the document, as GitHub's own
 * `primaryLocationLineHash` does (`hash:occurrence`).
 */
class FingerprintCounter {
  private readonly seen = new Map<string, number>();

  constructor(private readonly documentName: string) {}

  next(message: VFileMessage): string {
    const subject = message.actual ?? message.reason.replace(/\d+/g, '');
    const hash = createHash('sha256').update(`${message.ruleId ?? ''}\0${this.documentName}\0${subject}`).digest('hex').slice(0, 16);
    const occurrence = (this.seen.get(hash) ?? 0) + 1;
    this.seen.set(hash, occurrence);
    return `${hash}:${occurrence}`;
  }
}

/**
 * A cap on the results written, for services that refuse large runs. Errors
 * are kept first, then warnings and notes, each kind in the order found; a
 * kept warning gives way to a later error. Holds at most `limit` results.
 */
class ResultCap {
  private readonly errors: Array<{ order: number; text: string }> = [];
  private readonly others: Array<{ order: number; text: string }> = [];
  private found = 0;
  private errorsFound = 0;

  constructor(private readonly limit: number) {}

  add(text: string, error: boolean): void {
    const entry = { order: this.found++, text };
    if (error) this.errorsFound++;
    if (this.errors.length + this.others.length < this.limit) {
      (error ? this.errors : this.others).push(entry);
    } else if (error && this.others.length > 0) {
      this.others.pop();
      this.errors.push(entry);
    }
  }

  /** The kept results' texts, in the order they were found. */
  kept(): string[] {
    const merged: string[] = [];
    let e = 0;
    let o = 0;
    while (e < this.errors.length || o < this.others.length) {
      const takeError = o >= this.others.length || (e < this.errors.length && this.errors[e]!.order < this.others[o]!.order);
      merged.push(takeError ? this.errors[e++]!.text : this.others[o++]!.text);
    }
    return merged;
  }

  /** What the user is told when results were left out, or undefined. */
  droppedNotice(): string | undefined {
    const kept = this.errors.length + this.others.length;
    if (kept === this.found) return undefined;
    const count = (value: number) => value.toLocaleString('en-US');
    return (
      `SARIF report capped at ${count(this.limit)} results: kept ${count(this.errors.length)} of ${count(this.errorsFound)} errors ` +
      `and ${count(this.others.length)} of ${count(this.found - this.errorsFound)} warnings and notes, ${count(this.found - kept)} left out ` +
      `(GitHub takes at most ${count(GITHUB_MAX_RESULTS_PER_RUN)} a run); set --max-results (0: no cap), or lint the corpus in parts`
    );
  }
}

/**
 * `run.artifacts`: one entry per document with a problem, referred to by
 * index. Paths inside the source root become URIs relative to %SRCROOT%
 * (what code-scanning services expect); others stay absolute.
 *
 * A file's documents (a shard's records) arrive one after another, so only
 * the latest path is looked up; each entry is kept as its JSON text, the one
 * thing held per document until the footer.
 */
class ArtifactTable {
  private readonly entries: string[] = [];
  private lastPath: string | undefined;

  constructor(private readonly root: string) {}

  locate(filePath: string): Sarif.ArtifactLocation {
    const reference = this.reference(filePath);
    if (filePath !== this.lastPath) {
      this.lastPath = filePath;
      // `roles` says what the entry is: the files the run analysed, not merely places it mentions.
      this.entries.push(JSON.stringify({ location: reference, roles: ['analysisTarget'] } satisfies Sarif.Artifact, null, 2));
    }
    return { ...reference, index: this.entries.length - 1 };
  }

  /** A location without an artifact entry: related places in files that may not have been linted. */
  reference(filePath: string): Sarif.ArtifactLocation {
    const absolute = path.resolve(this.root, filePath);
    const relative = path.relative(this.root, absolute);
    if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) return { uri: pathToFileURL(absolute).href };
    return { uri: relative.split(path.sep).map(encodeURIComponent).join('/'), uriBaseId: SOURCE_ROOT };
  }

  /** The document's name as fingerprints and logical locations use it: its URI, `#record` inside a shard. */
  documentName(report: DocumentReport): string {
    const { uri } = this.reference(report.filePath);
    return report.recordId === undefined ? uri! : `${uri}#${report.recordId}`;
  }

  /** The entries as the inside of a JSON array whose items sit at `prefix`. */
  serialized(prefix: string): string {
    if (this.entries.length === 0) return '';
    const items = this.entries.map((entry) => `\n${prefix}${entry.replace(/\n/g, `\n${prefix}`)}`);
    return `${items.join(',')}\n${prefix.slice(2)}`;
  }
}

/**
 * The folder code-scanning services resolve paths against: the git work tree
 * holding `cwd` (so a run from a subfolder still names files as the
 * repository does), else `cwd` itself.
 */
export function findSourceRoot(cwd: string): string {
  for (let dir = path.resolve(cwd); ; dir = path.dirname(dir)) {
    // `.git` is a folder in a clone, a file in a worktree or submodule.
    if (fs.existsSync(path.join(dir, '.git'))) return dir;
    if (path.dirname(dir) === dir) return path.resolve(cwd);
  }
}

function directoryUri(directory: string): string {
  const href = pathToFileURL(directory).href;
  return href.endsWith('/') ? href : `${href}/`;
}
