/**
 * SARIF 2.1.0, the format code-scanning services (GitHub, Azure DevOps, IDE
 * viewers) read: one run, the rules as reporting descriptors, a result per
 * problem, file-level problems as tool execution notifications.
 */
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type * as Sarif from 'sarif';
import type { VFileMessage } from 'vfile-message';
import { docsUrl, type ResolvedLocation } from '../message.js';
import { packageRoot } from '../version.js';
import type { AnyRule } from '../rule.js';
import { describeFix, isError, isFileLevel, spanOf, type Span } from './problems.js';
import type { DocumentReport, Reporter } from './reporter.js';

export const SARIF_SCHEMA_URI = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';

/** Relative artifact URIs resolve against this base, which `originalUriBaseIds` maps to the working directory. */
const SOURCE_ROOT = '%SRCROOT%';

const TOOL_VERSION = readOwnVersion();

/**
 * The log is written as it goes: the run's tool and settings, then its
 * results one document at a time, then what is known only at the end (the
 * invocation with its notifications, the artifact list). SARIF does not order
 * a run's properties, so `results` can come before them.
 */
export const sarifReporter: Reporter = (context) => {
  const rules = [...context.rules.values()];
  const ruleIndex = new Map(rules.map((rule, index) => [rule.meta.id, index]));
  const artifacts = new ArtifactTable(context.cwd);
  const notifications: Sarif.Notification[] = [];
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
                version: TOOL_VERSION,
                semanticVersion: TOOL_VERSION,
                informationUri: new URL('README.md', packageRoot()).href,
                rules: rules.map(toReportingDescriptor),
              },
            },
            originalUriBaseIds: { [SOURCE_ROOT]: { uri: directoryUri(context.cwd) } },
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
      for (const message of report.messages) {
        if (isFileLevel(message)) {
          notifications.push(toNotification(report, message, artifacts, ruleIndex));
        } else {
          chunk += `${separator}\n${RESULT_INDENT}${indent(toResult(report, message, artifacts, ruleIndex), RESULT_INDENT)}`;
          separator = ',';
        }
      }
      return chunk;
    },
    footer() {
      const invocation: Sarif.Invocation = {
        // A document that could not be read, or a rule that crashed on it, means the analysis is incomplete.
        executionSuccessful: !notifications.some((notification) => notification.level === 'error'),
        ...(notifications.length > 0 ? { toolExecutionNotifications: notifications } : {}),
      };
      const closeResults = separator === '' ? ']' : `\n${RUN_INDENT}  ]`;
      const rest = `,\n${RUN_INDENT}  "invocations": ${indent([invocation], `${RUN_INDENT}  `)},\n${RUN_INDENT}  "artifacts": [${artifacts.serialized(`${RUN_INDENT}    `)}]`;
      return `${closeResults}${rest}\n${RUN_INDENT}}\n  ]\n}\n`;
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
  const { id, description, recommended } = rule.meta;
  return {
    id,
    shortDescription: { text: description },
    helpUri: docsUrl(id),
    defaultConfiguration:
      recommended === 'off' ? { enabled: false } : { level: recommended === 'error' ? 'error' : 'warning' },
  };
}

function toResult(
  report: DocumentReport,
  message: VFileMessage,
  artifacts: ArtifactTable,
  ruleIndex: ReadonlyMap<string, number>,
): Sarif.Result {
  const artifactLocation = artifacts.locate(report.filePath);
  const result: Sarif.Result = {
    ...ruleReference(message, ruleIndex),
    level: levelOf(message),
    message: { text: message.reason },
    locations: [{ physicalLocation: { artifactLocation, region: regionOf(spanOf(message)) } }],
  };
  if (message.related?.length) {
    result.relatedLocations = message.related.map((related, id) => toRelatedLocation(related, id, report, artifacts));
  }
  // Inside a shard the offsets count within the record's text; applied to the
  // shard file they would corrupt it, so record results carry no fixes.
  if (message.fix && report.recordId === undefined) {
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
  // A record's region counts lines within the record's text, not the shard's.
  if (report.recordId !== undefined) properties.recordId = report.recordId;
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
  const notification: Sarif.Notification = {
    level: levelOf(message),
    message: { text: message.reason },
    locations: [{ physicalLocation: { artifactLocation: artifacts.locate(report.filePath) } }],
  };
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
 * `run.artifacts`: one entry per document with a problem, referred to by
 * index. Paths inside the working directory become URIs relative to
 * %SRCROOT% (what code-scanning services expect); others stay absolute.
 *
 * A file's documents (a shard's records) arrive one after another, so only
 * the latest path is looked up; each entry is kept as its JSON text, the one
 * thing held per document until the footer.
 */
class ArtifactTable {
  private readonly entries: string[] = [];
  private lastPath: string | undefined;

  constructor(private readonly cwd: string) {}

  locate(filePath: string): Sarif.ArtifactLocation {
    const reference = this.reference(filePath);
    if (filePath !== this.lastPath) {
      this.lastPath = filePath;
      this.entries.push(JSON.stringify({ location: reference } satisfies Sarif.Artifact, null, 2));
    }
    return { ...reference, index: this.entries.length - 1 };
  }

  /** A location without an artifact entry: related places in files that may not have been linted. */
  reference(filePath: string): Sarif.ArtifactLocation {
    const absolute = path.resolve(this.cwd, filePath);
    const relative = path.relative(this.cwd, absolute);
    if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) return { uri: pathToFileURL(absolute).href };
    return { uri: relative.split(path.sep).map(encodeURIComponent).join('/'), uriBaseId: SOURCE_ROOT };
  }

  /** The entries as the inside of a JSON array whose items sit at `prefix`. */
  serialized(prefix: string): string {
    if (this.entries.length === 0) return '';
    const items = this.entries.map((entry) => `\n${prefix}${entry.replace(/\n/g, `\n${prefix}`)}`);
    return `${items.join(',')}\n${prefix.slice(2)}`;
  }
}

function directoryUri(directory: string): string {
  const href = pathToFileURL(directory).href;
  return href.endsWith('/') ? href : `${href}/`;
}

/**
 * The package's version, read once. This module runs from src/reporters/
 * (vitest, tsx) and from dist/src/reporters/ (the build), so look upwards
 * for the package.json that names corpuslint.
 */
function readOwnVersion(): string {
  for (const candidate of ['../../package.json', '../../../package.json']) {
    try {
      const manifest = JSON.parse(fs.readFileSync(new URL(candidate, import.meta.url), 'utf8')) as { name?: string; version?: string };
      if (manifest.name === 'corpuslint' && manifest.version) return manifest.version;
    } catch {
      // Not at this level of the layout; try the next.
    }
  }
  return '0.0.0';
}
