import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { UsageError } from '../../src/core/errors.js';
import { reporters } from '../../src/reporters/index.js';
import { jsonReporter } from '../../src/reporters/json.js';
import { ReportOutput } from '../../src/reporters/output.js';
import type { DocumentReport } from '../../src/reporters/reporter.js';
import { stylishReporter } from '../../src/reporters/stylish.js';
import { contextFor, sampleReports } from './sample-reports.js';

const directories: string[] = [];

function scratchFile(name: string): string {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'corpuslint-output-'));
  directories.push(directory);
  return path.join(directory, name);
}

afterEach(() => {
  for (const directory of directories.splice(0)) fs.rmSync(directory, { recursive: true, force: true });
});

describe('report output', () => {
  it('writes, over many batches, exactly the whole report', async () => {
    // Enough documents to pass the write batch size many times over.
    const reports: DocumentReport[] = Array.from({ length: 400 }, () => sampleReports()).flat();
    const file = scratchFile('report.json');
    const output = new ReportOutput(jsonReporter(contextFor()), file);
    for (const report of reports) await output.document(report);
    await output.end();
    expect(fs.readFileSync(file, 'utf8')).toBe(reporters.json(reports, contextFor()));
    expect(output.counts).toEqual({ errors: 800, warnings: 1600, fixable: 800, unsafeFixable: 400, documents: 2000 });
  });

  it('leaves an empty file for an empty report, and no file before the first write', async () => {
    const file = scratchFile('report.txt');
    const output = new ReportOutput(stylishReporter(contextFor()), file);
    await output.document({ filePath: '/work/project/clean.txt', messages: [] });
    expect(fs.existsSync(file)).toBe(false);
    await output.end();
    expect(fs.readFileSync(file, 'utf8')).toBe('');
  });

  it('says in one line which destination it could not write', async () => {
    const file = path.join(scratchFile('missing'), 'report.json');
    const output = new ReportOutput(jsonReporter(contextFor()), file);
    const ending = output.end();
    await expect(ending).rejects.toThrow(UsageError);
    await expect(ending).rejects.toThrow(/^Cannot write the report to .*report\.json \(ENOENT/);
  });
});
