import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import type * as Sarif from 'sarif';
import { VFileMessage } from 'vfile-message';
import { describe, expect, it } from 'vitest';
import noTrailingSpaces from '../../rules/no-trailing-spaces.js';
import { Linter } from '../../src/core/lint.js';
import { REPOSITORY_WEB_URL } from '../../src/core/project-links.js';
import type { DocumentReport } from '../../src/reporters/reporter.js';
import { reporters } from '../../src/reporters/index.js';
import { FINGERPRINT_KEY, findSourceRoot, sarifReporter } from '../../src/reporters/sarif.js';
import { CWD, contextFor, duplicateLinesRule, sampleReports } from './sample-reports.js';

// The official OASIS schema (draft 2020-12 form, as the SARIF multitool ships it).
const schema = JSON.parse(fs.readFileSync(new URL('../fixtures/sarif-2.1.0.schema.json', import.meta.url), 'utf8'));
// The official schema's type unions and unknown `$comment`-like annotations are fine JSON Schema that ajv's strict mode flags as style.
const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormats.default(ajv);
const validateSarif = ajv.compile(schema);

const packageVersion = (JSON.parse(fs.readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
const linter = new Linter([{ rule: noTrailingSpaces, severity: 'warn', options: { skipBlankLines: false } }]);

function sarifOf(reports: DocumentReport[], overrides: Parameters<typeof contextFor>[0] = {}): Sarif.Log {
  return JSON.parse(reporters.sarif(reports, contextFor(overrides))) as Sarif.Log;
}

const REPOSITORY = 'https://github.com/corpuslint/corpuslint/blob/main';

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
    expect(driver.informationUri).toBe(`${REPOSITORY}/README.md`);
    expect(driver.rules?.map((rule) => rule.id)).toEqual(['no-trailing-spaces', 'no-duplicate-lines', 'no-near-duplicate-documents']);
    const page = fs.readFileSync(new URL('../../rules/no-trailing-spaces.md', import.meta.url), 'utf8');
    expect(driver.rules?.[0]).toEqual({
      id: 'no-trailing-spaces',
      name: 'NoTrailingSpaces',
      shortDescription: { text: 'Disallow white space at the end of lines' },
      fullDescription: { text: 'Spaces, tabs, no-break spaces and ideographic spaces at the end of a line.' },
      help: {
        text:
          'What it finds: Spaces, tabs, no-break spaces and ideographic spaces at the end of a line.\n\n' +
          'Why: Scrapers copy the indentation and `&nbsp;` runs of the page\'s HTML. The\nwhite space is invisible to a reader but makes two copies of a line differ,\n' +
          'so exact-match deduplication and n-gram statistics miss them.\n\n' +
          'Fix: Safe: the trailing white space is removed; the line terminator (`\\n` or\n`\\r\\n`) is kept.\n\n' +
          `More: ${REPOSITORY}/rules/no-trailing-spaces.md`,
        markdown: `${page.replace(/^# no-trailing-spaces\n\n/, '').trim()}\n\n[Documentation](${REPOSITORY}/rules/no-trailing-spaces.md)`,
      },
      helpUri: `${REPOSITORY}/rules/no-trailing-spaces.md`,
      defaultConfiguration: { level: 'warning' },
      properties: { tags: ['corpus', 'fixable'] },
    });
    expect(driver.rules?.[2]?.defaultConfiguration).toEqual({ enabled: false });
  });

  it('describes a rule without a page by its one-line description', () => {
    const [orphan] = sarifOf([], { rules: new Map([['no-such-page', { ...duplicateLinesRule, meta: { ...duplicateLinesRule.meta, id: 'no-such-page' } }]]) }).runs[0]!.tool.driver.rules!;
    expect(orphan?.fullDescription).toEqual({ text: 'Stub of no-duplicate-lines for reporter tests.' });
    expect(orphan?.help).toEqual({
      text: `Stub of no-duplicate-lines for reporter tests. More: ${REPOSITORY}/rules/no-such-page.md`,
      markdown: `Stub of no-duplicate-lines for reporter tests.\n\n[Documentation](${REPOSITORY}/rules/no-such-page.md)`,
    });
  });

  it('links to the repository package.json names, never to an installed file', () => {
    const manifest = JSON.parse(fs.readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { repository: { url: string } };
    expect(manifest.repository.url).toBe(`git+${REPOSITORY_WEB_URL}.git`);
    expect(REPOSITORY).toBe(`${REPOSITORY_WEB_URL}/blob/main`);
    expect(JSON.stringify(run.tool)).not.toContain('file://');
    expect(run.automationDetails).toEqual({ id: 'corpuslint/' });
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

  it('places a record result in the shard by a logical location, its own line in the text, and gives it no fix', () => {
    const result = resultFor('corpus/shard.jsonl', 'no-trailing-spaces');
    expect(result.level).toBe('error');
    expect(result.message.text).toBe('record rec-7 1:8: Unexpected white space at the end of the line; remove it');
    expect(result.locations).toEqual([
      {
        physicalLocation: { artifactLocation: { uri: 'corpus/shard.jsonl', uriBaseId: '%SRCROOT%', index: 1 }, region: { startLine: 1 } },
        logicalLocations: [{ name: 'rec-7', fullyQualifiedName: 'corpus/shard.jsonl#rec-7', kind: 'element' }],
      },
    ]);
    expect(result.properties).toEqual({ recordId: 'rec-7', recordRegion: { startLine: 1, startColumn: 8, endLine: 1, endColumn: 9 } });
    // Offsets within the record's text would corrupt the shard.
    expect(result.fixes).toBeUndefined();
  });

  it('fingerprints a result by rule, document and text, not by line, counting repeats', () => {
    const fingerprints = (text: string) =>
      sarifOf([{ filePath: `${CWD}/a.txt`, messages: linter.lint(text).messages }]).runs[0]!.results!.map((result) => result.partialFingerprints?.[FINGERPRINT_KEY]);
    const before = fingerprints('One \nTwo \n');
    expect(before).toHaveLength(2);
    expect(before[0]).toMatch(/^[0-9a-f]{16}:1$/);
    // Same rule, same removed text: the second is the first's hash, second occurrence.
    expect(before[1]).toBe(before[0]!.replace(/:1$/, ':2'));
    expect(fingerprints('A new first line.\nOne \nTwo \n')).toEqual(before);
    expect(fingerprints('One  \n')[0]).not.toBe(before[0]);
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

  it('makes URIs relative to the source root, the git work tree by default', () => {
    const repository = fs.mkdtempSync(path.join(os.tmpdir(), 'corpuslint-sarif-'));
    try {
      fs.mkdirSync(path.join(repository, '.git'));
      fs.mkdirSync(path.join(repository, 'data', 'web'), { recursive: true });
      const cwd = path.join(repository, 'data');
      expect(findSourceRoot(cwd)).toBe(repository);
      const written = sarifOf([{ filePath: path.join(cwd, 'web', 'a.txt'), messages: linter.lint('a \n').messages }], { cwd });
      expect(written.runs[0]?.originalUriBaseIds?.['%SRCROOT%']).toEqual({ uri: `file://${repository}/` });
      expect(written.runs[0]?.artifacts?.[0]?.location).toEqual({ uri: 'data/web/a.txt', uriBaseId: '%SRCROOT%' });
      const given = sarifOf([{ filePath: path.join(cwd, 'web', 'a.txt'), messages: linter.lint('a \n').messages }], { cwd, sourceRoot: cwd });
      expect(given.runs[0]?.artifacts?.[0]?.location).toEqual({ uri: 'web/a.txt', uriBaseId: '%SRCROOT%' });
    } finally {
      fs.rmSync(repository, { recursive: true, force: true });
    }
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
    expect(written.runs[0]?.artifacts).toEqual([{ location: { uri: 'shard.jsonl', uriBaseId: '%SRCROOT%' }, roles: ['analysisTarget'] }]);
    expect(written.runs[0]?.results?.map((result) => result.locations?.[0]?.physicalLocation?.artifactLocation?.index)).toEqual([0, 0]);
  });
});

describe('sarif result cap', () => {
  const errorLinter = new Linter([{ rule: noTrailingSpaces, severity: 'error', options: { skipBlankLines: false } }]);
  const warningDocument = (name: string, lines: number): DocumentReport => ({ filePath: `${CWD}/${name}`, messages: linter.lint('x \n'.repeat(lines)).messages });
  const errorDocument = (name: string, lines: number): DocumentReport => ({ filePath: `${CWD}/${name}`, messages: errorLinter.lint('x \n'.repeat(lines)).messages });
  const capped = (reports: DocumentReport[], maxResults: number) => {
    const notices: string[] = [];
    const log = sarifOf(reports, { maxResults, notice: (text) => notices.push(text) });
    return { log, notices, kept: log.runs[0]!.results!.map((result) => `${result.locations![0]!.physicalLocation!.artifactLocation!.uri}:${result.level}:${result.locations![0]!.physicalLocation!.region!.startLine}`) };
  };

  it.each([
    {
      name: 'under the cap: everything, in order, no notice',
      reports: [warningDocument('w.txt', 2), errorDocument('e.txt', 1)],
      maxResults: 3,
      kept: ['w.txt:warning:1', 'w.txt:warning:2', 'e.txt:error:1'],
      notice: undefined,
    },
    {
      name: 'a later error displaces the latest warning',
      reports: [warningDocument('w.txt', 3), errorDocument('e.txt', 2)],
      maxResults: 3,
      kept: ['w.txt:warning:1', 'e.txt:error:1', 'e.txt:error:2'],
      notice:
        'SARIF report capped at 3 results: kept 2 of 2 errors and 1 of 3 warnings and notes, 2 left out (GitHub takes at most 25,000 a run); set --max-results (0: no cap), or lint the corpus in parts',
    },
    {
      name: 'more errors than the cap: the first errors',
      reports: [warningDocument('w.txt', 1), errorDocument('e.txt', 3)],
      maxResults: 2,
      kept: ['e.txt:error:1', 'e.txt:error:2'],
      notice:
        'SARIF report capped at 2 results: kept 2 of 3 errors and 0 of 1 warnings and notes, 2 left out (GitHub takes at most 25,000 a run); set --max-results (0: no cap), or lint the corpus in parts',
    },
    { name: '0: no cap', reports: [warningDocument('w.txt', 3)], maxResults: 0, kept: ['w.txt:warning:1', 'w.txt:warning:2', 'w.txt:warning:3'], notice: undefined },
  ])('$name', ({ reports, maxResults, kept, notice }) => {
    const run = capped(reports, maxResults);
    expectValid(run.log);
    expect(run.kept).toEqual(kept);
    expect(run.notices).toEqual(notice === undefined ? [] : [notice]);
    const notifications = run.log.runs[0]!.invocations![0]!.toolExecutionNotifications ?? [];
    expect(notifications.map((notification) => notification.message.text)).toEqual(notice === undefined ? [] : [notice]);
  });
});

/**
 * The SARIF multitool's validator (`@microsoft/sarif-multitool`, a dev
 * dependency) with GitHub's rule set: what GitHub's upload checks. It is a
 * native .NET program; where it is not installed for this platform, or does
 * not run, the test is skipped and says why.
 */
const multitool = findMultitool();

function findMultitool(): { path?: string; why?: string } {
  try {
    const binary = createRequire(import.meta.url)('@microsoft/sarif-multitool') as string;
    const probe = spawnSync(binary, ['--version'], { encoding: 'utf8', timeout: 60_000 });
    if (probe.status !== 0) return { why: `the SARIF multitool at ${binary} does not run here (${probe.error?.message ?? probe.stderr.trim().split('\n')[0] ?? `exit ${probe.status}`})` };
    return { path: binary };
  } catch (error) {
    return { why: `@microsoft/sarif-multitool is not installed for ${process.platform} (${(error as Error).message.split('\n')[0]}); run npm ci` };
  }
}

if (multitool.why) console.warn(`Skipping the SARIF multitool check: ${multitool.why}`);

describe.skipIf(multitool.path === undefined)('sarif-multitool validate --rule-kind "Gh;Sarif"', () => {
  it('finds nothing wrong in the sample run, a capped run, and runs over the seeds and a shard', { timeout: 120_000 }, async () => {
    const { runCli, projectRoot } = await import('../e2e/run-cli.js');
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'corpuslint-multitool-'));
    try {
      const logs: Record<string, string> = {
        'sample.sarif': reporters.sarif(sampleReports(), contextFor()),
        'capped.sarif': reporters.sarif(sampleReports(), contextFor({ maxResults: 2 })),
      };
      for (const [name, text] of Object.entries(logs)) fs.writeFileSync(path.join(folder, name), text);
      fs.writeFileSync(
        path.join(folder, 'shard.jsonl'),
        ['{"id":"a1","text":"Leave a Comment\\nThe end.   \\n"}', '{"text":"Share this:\\nFacebook\\nTwitter\\n"}', ''].join('\n'),
      );
      expect(runCli(['-f', 'sarif', '-o', path.join(folder, 'seeds.sarif'), 'seeds/'], projectRoot).status).toBe(1);
      expect(runCli(['-f', 'sarif', '-o', path.join(folder, 'shard.sarif'), 'shard.jsonl'], folder).status).toBe(1);
      const inputs = ['sample.sarif', 'capped.sarif', 'seeds.sarif', 'shard.sarif'].map((name) => path.join(folder, name));
      for (const input of inputs) expectValid(JSON.parse(fs.readFileSync(input, 'utf8')));
      const report = path.join(folder, 'validation.sarif');
      const validate = spawnSync(multitool.path!, ['validate', '--rule-kind', 'Gh;Sarif', '-o', report, ...inputs], { encoding: 'utf8', timeout: 120_000 });
      expect(validate.status, validate.stdout + validate.stderr).toBe(0);
      const findings = (JSON.parse(fs.readFileSync(report, 'utf8')) as Sarif.Log).runs[0]!.results ?? [];
      expect(findings.map((finding) => `${finding.ruleId}: ${finding.message.text ?? finding.message.id}`)).toEqual([]);
    } finally {
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });
});
