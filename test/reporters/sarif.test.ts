import fs from 'node:fs';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import type * as Sarif from 'sarif';
import { VFileMessage } from 'vfile-message';
import { describe, expect, it } from 'vitest';
import noTrailingSpaces from '../../rules/no-trailing-spaces.js';
import { Linter } from '../../src/lint.js';
import type { DocumentReport } from '../../src/reporters/reporter.js';
import { reporters } from '../../src/reporters/index.js';
import { sarifReporter } from '../../src/reporters/sarif.js';
import { CWD, contextFor, sampleReports } from './sample-reports.js';

const schema = JSON.parse(fs.readFileSync(new URL('../fixtures/sarif-2.1.0.schema.json', import.meta.url), 'utf8'));
// The official schema's anyOf-of-required and type unions are fine JSON Schema that ajv's strict mode flags as style.
const ajv = new Ajv({ allErrors: true, strict: true, strictTypes: false, strictRequired: false });
addFormats.default(ajv);
const validateSarif = ajv.compile(schema);

const packageVersion = (JSON.parse(fs.readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
const linter = new Linter([{ rule: noTrailingSpaces, severity: 'warn', options: { skipBlankLines: false } }]);

function sarifOf(reports: DocumentReport[]): Sarif.Log {
  return JSON.parse(reporters.sarif(reports, contextFor())) as Sarif.Log;
}

function expectValid(log: unknown): void {
  const valid = validateSarif(log);
  expect(validateSarif.errors ?? []).toEqual([]);
  expect(valid).toBe(true);
}

describe('sarif reporter', () => {
  const log = sarifOf(sampleReports());
  const run = log.runs[0]!;
  const results = run.results ?? [];
  const resultFor = (uri: string, ruleId: string) =>
    results.find((result) => result.ruleId === ruleId && result.locations?.[0]?.physicalLocation?.artifactLocation?.uri === uri)!;

  it('is valid SARIF 2.1.0', () => {
    expect(log.version).toBe('2.1.0');
    expect(log.$schema).toMatch(/sarif-schema-2\.1\.0\.json$/);
    expect(log.runs).toHaveLength(1);
    expectValid(log);
  });

  it('is valid with no documents, and with nothing wrong', () => {
    expectValid(sarifOf([]));
    expectValid(sarifOf([{ filePath: `${CWD}/clean.txt`, messages: [] }]));
  });

  it('would catch a property SARIF does not define', () => {
    const broken = structuredClone(log) as unknown as { runs: Array<{ results: Array<Record<string, unknown>> }> };
    broken.runs[0]!.results[0]!.line = 1;
    expect(validateSarif(broken)).toBe(false);
  });

  it('describes the tool and every rule that ran', () => {
    const driver = run.tool.driver;
    expect(driver.name).toBe('corpuslint');
    expect(driver.version).toBe(packageVersion);
    expect(driver.informationUri).toBe(new URL('../../README.md', import.meta.url).href);
    expect(driver.rules?.map((rule) => rule.id)).toEqual(['no-trailing-spaces', 'no-duplicate-lines', 'no-near-duplicate-documents']);
    expect(driver.rules?.[0]).toEqual({
      id: 'no-trailing-spaces',
      shortDescription: { text: 'Disallow white space at the end of lines' },
      helpUri: new URL('../../rules/no-trailing-spaces.md', import.meta.url).href,
      defaultConfiguration: { level: 'warning' },
    });
    expect(driver.rules?.[2]?.defaultConfiguration).toEqual({ enabled: false });
  });

  it('points every result at its rule descriptor', () => {
    expect(results).toHaveLength(4);
    for (const result of results) expect(run.tool.driver.rules?.[result.ruleIndex!]?.id).toBe(result.ruleId);
  });

  it('gives a result its level, text, place relative to %SRCROOT% and fix', () => {
    const result = resultFor('corpus/a.txt', 'no-trailing-spaces');
    expect(result.level).toBe('warning');
    expect(result.message.text).toBe('Unexpected white space at the end of the line; remove it');
    expect(result.locations?.[0]?.physicalLocation).toEqual({
      artifactLocation: { uri: 'corpus/a.txt', uriBaseId: '%SRCROOT%', index: 0 },
      region: { startLine: 1, startColumn: 16, endLine: 1, endColumn: 19 },
    });
    expect(result.fixes?.[0]?.artifactChanges[0]?.replacements).toEqual([{ deletedRegion: { charOffset: 15, charLength: 3 } }]);
    expect(run.originalUriBaseIds?.['%SRCROOT%']).toEqual({ uri: `file://${CWD}/` });
    expect(run.artifacts?.[0]?.location?.uri).toBe('corpus/a.txt');
    expect(run.columnKind).toBe('utf16CodeUnits');
  });

  it('marks a record result with its id and gives it no fix, which would corrupt the shard', () => {
    const result = resultFor('corpus/shard.jsonl', 'no-trailing-spaces');
    expect(result.level).toBe('error');
    expect(result.properties).toEqual({ recordId: 'rec-7' });
    expect(result.fixes).toBeUndefined();
  });

  it('carries related places, in this file and in others, unsafe fixes and data', () => {
    const duplicate = resultFor('corpus/c.txt', 'no-duplicate-lines');
    expect(duplicate.relatedLocations).toEqual([
      {
        id: 0,
        physicalLocation: {
          artifactLocation: { uri: 'corpus/c.txt', uriBaseId: '%SRCROOT%', index: 2 },
          region: { startLine: 2, startColumn: 1, endLine: 2, endColumn: 15 },
        },
        message: { text: 'First copy' },
      },
    ]);
    expect(duplicate.fixes?.[0]?.description?.text).toBe('Remove "Photo: Reuters\\n"');
    expect(duplicate.fixes?.[0]?.properties).toEqual({ fixSafety: 'unsafe' });
    const nearDuplicate = resultFor('corpus/c.txt', 'no-near-duplicate-documents');
    expect(nearDuplicate.relatedLocations?.[0]?.physicalLocation?.artifactLocation).toEqual({ uri: 'corpus/a.txt', uriBaseId: '%SRCROOT%' });
    expect(nearDuplicate.properties?.data).toEqual({ cluster: ['corpus/a.txt', 'corpus/c.txt'], similarity: 0.9 });
  });

  it('reports file-level problems as tool notifications, failing the run on errors', () => {
    const invocation = run.invocations?.[0];
    expect(invocation?.executionSuccessful).toBe(false);
    expect(invocation?.toolExecutionNotifications?.map((n) => [n.level, n.locations?.[0]?.physicalLocation?.artifactLocation?.uri])).toEqual([
      ['error', 'corpus/bad.txt'],
      ['warning', 'corpus/e.txt'],
    ]);
  });

  it('names the rule of a crash notification and keeps a run with warnings only successful', () => {
    const crash = new VFileMessage('Rule crashed on this text (boom); please report it with the file', { ruleId: 'no-trailing-spaces' });
    crash.fatal = true;
    const crashed = sarifOf([{ filePath: `${CWD}/x.txt`, messages: [crash] }]);
    expectValid(crashed);
    expect(crashed.runs[0]?.invocations?.[0]?.toolExecutionNotifications?.[0]?.associatedRule).toEqual({ id: 'no-trailing-spaces', index: 0 });

    const clean = sarifOf([{ filePath: `${CWD}/x.txt`, messages: linter.lint('a \n').messages }]);
    expect(clean.runs[0]?.invocations).toEqual([{ executionSuccessful: true }]);
  });

  it.each([
    ['a path with spaces', `${CWD}/my corpus/a file.txt`, { uri: 'my%20corpus/a%20file.txt', uriBaseId: '%SRCROOT%' }],
    ['a path outside the working directory', '/elsewhere/a.txt', { uri: 'file:///elsewhere/a.txt' }],
  ])('writes a valid URI for %s', (_, filePath, location) => {
    const written = sarifOf([{ filePath, messages: linter.lint('a \n').messages }]);
    expectValid(written);
    expect(written.runs[0]?.artifacts?.[0]?.location).toEqual(location);
  });

  it('is written as it would be indented whole, results streamed before what only the end knows', () => {
    const text = reporters.sarif(sampleReports(), contextFor());
    expect(text).toBe(`${JSON.stringify(JSON.parse(text), null, 2)}\n`);
    expect(text.indexOf('"results"')).toBeLessThan(text.indexOf('"invocations"'));
  });

  it('streams nothing for a clean document and gives the records of one shard one artifact', () => {
    const stream = sarifReporter(contextFor());
    stream.header();
    expect(stream.document({ filePath: `${CWD}/clean.txt`, messages: [] })).toBe('');
    const messages = linter.lint('a \n').messages;
    const records = ['r1', 'r2'].map((recordId) => ({ filePath: `${CWD}/shard.jsonl`, recordId, messages }));
    const written = sarifOf([{ filePath: `${CWD}/clean.txt`, messages: [] }, ...records]);
    expectValid(written);
    expect(written.runs[0]?.artifacts).toEqual([{ location: { uri: 'shard.jsonl', uriBaseId: '%SRCROOT%' } }]);
    expect(written.runs[0]?.results?.map((result) => result.locations?.[0]?.physicalLocation?.artifactLocation?.index)).toEqual([0, 0]);
  });
});
