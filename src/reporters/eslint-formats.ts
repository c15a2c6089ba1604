/**
 * ESLint's plain formats, built in and streamed: `compact`, `unix`, `junit`,
 * `checkstyle` (byte for byte what ESLint's own formatters print for the same
 * results, newline added as ESLint's CLI adds one on stdout), and reviewdog's
 * `rdjson` (as eslint-formatter-rdjson writes it). test/reporters/eslint-formats.test.ts
 * runs the published formatter packages on the same results and compares.
 *
 * Every one of them reads ESLint's result (json.ts). Their consumers point
 * at `file:line:column` in the file, and a shard record's lines are not the
 * shard's: `consumerResult` moves the record's own place into the message
 * and points at the shard's first line, as the github and sarif formats do.
 */
import path from 'node:path';
import { projectFileUrl } from '../core/project-links.js';
import { toFileResult, type JsonFileResult, type JsonMessage } from './json.js';
import type { DocumentReport, ReportContext, Reporter } from './reporter.js';

/** A document as ESLint-style formatters are given it. */
export function consumerResult(report: DocumentReport): JsonFileResult {
  const result = toFileResult(report);
  if (report.recordId === undefined) return result;
  const messages = result.messages.map((message): JsonMessage => {
    // Offsets within a record's text would corrupt the shard: no fixes either.
    const { endLine, endColumn, fix, suggestions, ...rest } = message;
    return { ...rest, message: `record ${report.recordId} ${message.line}:${message.column}: ${message.message}`, line: 1, column: 1 };
  });
  return {
    ...result,
    messages,
    fixableErrorCount: 0,
    fixableWarningCount: 0,
  };
}

function messageType(message: JsonMessage): 'Error' | 'Warning' {
  return message.fatal || message.severity === 2 ? 'Error' : 'Warning';
}

/** Lines per message and a closing count, as ESLint's compact and unix formatters. */
function lineFormat(line: (filePath: string, message: JsonMessage) => string): Reporter {
  return () => {
    let total = 0;
    return {
      header: () => '',
      document(report) {
        const result = consumerResult(report);
        total += result.messages.length;
        return result.messages.map((message) => `${line(result.filePath, message)}\n`).join('');
      },
      footer: () => (total > 0 ? `\n${total} problem${total !== 1 ? 's' : ''}\n` : ''),
    };
  };
}

export const compactReporter = lineFormat(
  (filePath, message) =>
    `${filePath}: line ${message.line || 0}, col ${message.column || 0}, ${messageType(message)} - ${message.message}${message.ruleId ? ` (${message.ruleId})` : ''}`,
);

export const unixReporter = lineFormat(
  (filePath, message) =>
    `${filePath}:${message.line || 0}:${message.column || 0}: ${message.message} [${messageType(message)}${message.ruleId ? `/${message.ruleId}` : ''}]`,
);

/** ESLint's xml-escape: markup characters, controls and everything past ASCII as entities. */
export function xmlEscape(value: string | number): string {
  // eslint-disable-next-line no-control-regex -- controls are exactly what must become entities
  return `${value}`.replace(/[<>&"'\x00-\x1F\x7F\u0080-\uFFFF]/gu, (character) => {
    switch (character) {
      case '<':
        return '&lt;';
      case '>':
        return '&gt;';
      case '&':
        return '&amp;';
      case '"':
        return '&quot;';
      case "'":
        return '&apos;';
      default:
        return `&#${character.charCodeAt(0)};`;
    }
  });
}

/** JUnit XML: a test suite per document, a failing test case per problem, a passing one for a clean document (as ESLint). */
export const junitReporter: Reporter = () => ({
  header: () => '<?xml version="1.0" encoding="utf-8"?>\n<testsuites>\n',
  document(report) {
    const { filePath, messages } = consumerResult(report);
    const classname = path.join(path.dirname(filePath), path.basename(filePath, path.extname(filePath)));
    if (messages.length === 0) {
      return `<testsuite package="org.eslint" time="0" tests="1" errors="0" name="${filePath}">\n<testcase time="0" name="${filePath}" classname="${classname}" />\n</testsuite>\n`;
    }
    let output = `<testsuite package="org.eslint" time="0" tests="${messages.length}" errors="${messages.length}" name="${filePath}">\n`;
    for (const message of messages) {
      const type = message.fatal ? 'error' : 'failure';
      output += `<testcase time="0" name="org.eslint.${message.ruleId || 'unknown'}" classname="${classname}">`;
      output += `<${type} message="${xmlEscape(message.message || '')}"><![CDATA[`;
      output += `line ${message.line || 0}, col ${message.column || 0}, ${messageType(message)} - ${xmlEscape(message.message || '')}`;
      output += `${message.ruleId ? ` (${message.ruleId})` : ''}]]></${type}></testcase>\n`;
    }
    return `${output}</testsuite>\n`;
  },
  footer: () => '</testsuites>\n',
});

/** Checkstyle XML, on one line as ESLint writes it: a `<file>` per document, an `<error>` per problem. */
export const checkstyleReporter: Reporter = () => ({
  header: () => '<?xml version="1.0" encoding="utf-8"?><checkstyle version="4.3">',
  document(report) {
    const { filePath, messages } = consumerResult(report);
    const errors = messages.map((message) =>
      [
        `<error line="${xmlEscape(message.line || 0)}"`,
        `column="${xmlEscape(message.column || 0)}"`,
        `severity="${xmlEscape(messageType(message).toLowerCase())}"`,
        `message="${xmlEscape(message.message)}${message.ruleId ? ` (${message.ruleId})` : ''}"`,
        `source="${message.ruleId ? xmlEscape(`eslint.rules.${message.ruleId}`) : ''}" />`,
      ].join(' '),
    );
    return `<file name="${xmlEscape(filePath)}">${errors.join('')}</file>`;
  },
  footer: () => '</checkstyle>\n',
});

/**
 * reviewdog's Diagnostic Format (rdjson), as eslint-formatter-rdjson writes
 * it from ESLint results, with the tool named: columns are UTF-8 byte counts,
 * so it needs each document's text (the CLI keeps it for this format), and
 * a safe fix becomes a suggestion reviewdog can apply.
 */
export const rdjsonReporter: Reporter = (context) => {
  let separator = '';
  return {
    header: () => `{"source":${JSON.stringify({ name: 'corpuslint', url: projectFileUrl('README.md') })},"diagnostics":[`,
    document(report) {
      const result = consumerResult(report);
      // As eslint-formatter-rdjson: the text linted, which ESLint gives only when there is no fixed output.
      const source = result.source ?? '';
      // Without the text, columns are unknown: 0, as the package writes them.
      const sourceLines = source ? source.split('\n') : [];
      let chunk = '';
      for (const message of result.messages) {
        chunk += separator + JSON.stringify(rdjsonDiagnostic(result.filePath, message, source, sourceLines, context));
        separator = ',';
      }
      return chunk;
    },
    footer: () => ']}\n',
  };
};

function rdjsonDiagnostic(filePath: string, message: JsonMessage, source: string, sourceLines: string[], context: ReportContext): object {
  const range: { start: RdPosition; end?: RdPosition } = { start: utf8Position(message.line, message.column, sourceLines) };
  if (message.endLine && message.endColumn) range.end = utf8Position(message.endLine, message.endColumn, sourceLines);
  const diagnostic: Record<string, unknown> = {
    message: message.message,
    location: { path: filePath, range },
    severity: message.severity === 2 ? 'ERROR' : 'WARNING',
    code: { value: message.ruleId, url: (message.ruleId && context.rules.has(message.ruleId) && message.url) || '' },
    original_output: JSON.stringify(message),
  };
  if (message.fix) diagnostic.suggestions = [minimumSuggestion(message.fix, source)];
  return diagnostic;
}

interface RdPosition {
  line: number;
  column: number;
}

function utf8Length(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

/** A UTF-16 column on a line as reviewdog's 1-based UTF-8 byte column. */
function utf8Position(line: number, column: number, sourceLines: string[]): RdPosition {
  return { line, column: sourceLines.length >= line ? utf8Length(sourceLines[line - 1]!.slice(0, column - 1)) + 1 : 0 };
}

function positionOfOffset(offset: number, source: string): RdPosition {
  let line = 1;
  let lineStart = 0;
  for (;;) {
    const newline = source.indexOf('\n', lineStart);
    const lineEnd = newline === -1 ? source.length : newline;
    if (offset <= lineEnd || newline === -1) return { line, column: utf8Length(source.slice(lineStart, Math.min(offset, lineEnd))) + 1 };
    lineStart = newline + 1;
    line++;
  }
}

/** The fix less the end it shares with the text it replaces, as eslint-formatter-rdjson trims it. */
function minimumSuggestion(fix: { range: [number, number]; text: string }, source: string): object {
  const replaced = source.slice(fix.range[0], fix.range[1]);
  let shared = 0;
  while (shared < fix.text.length && shared < replaced.length && fix.text[fix.text.length - 1 - shared] === replaced[replaced.length - 1 - shared]) shared++;
  // Never split a surrogate pair.
  if (shared > 0 && shared < fix.text.length && /[\uD800-\uDBFF]/.test(fix.text[fix.text.length - 1 - shared]!)) shared--;
  return {
    range: { start: positionOfOffset(fix.range[0], source), end: positionOfOffset(fix.range[1] - shared, source) },
    text: fix.text.slice(0, fix.text.length - shared),
  };
}
