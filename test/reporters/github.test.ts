import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import noTrailingSpaces from '../../rules/no-trailing-spaces.js';
import { Linter } from '../../src/core/lint.js';
import { escapeData, escapeProperty, githubReporter } from '../../src/reporters/github.js';
import { reporters } from '../../src/reporters/index.js';
import type { DocumentReport } from '../../src/reporters/reporter.js';
import { CWD, contextFor, sampleReports } from './sample-reports.js';

const TRAILING = 'Unexpected white space at the end of the line; remove it';

/** The report's lines; it ends with a newline. */
function githubLines(reports: readonly DocumentReport[]): string[] {
  const output = reporters.github(reports, contextFor());
  expect(output.endsWith('\n')).toBe(true);
  return output.slice(0, -1).split('\n');
}

describe('github reporter', () => {
  it('prints one workflow command per problem, then a summary', () => {
    expect(githubLines(sampleReports())).toEqual([
      `::warning file=corpus/a.txt,line=1,col=16,endLine=1,endColumn=19,title=no-trailing-spaces::${TRAILING}`,
      // Record positions count within the record, not the shard file: they go into the text.
      `::error file=corpus/shard.jsonl,title=no-trailing-spaces::record rec-7 1:8: ${TRAILING}`,
      '::warning file=corpus/c.txt,line=1,col=1,endLine=1,endColumn=1,title=no-near-duplicate-documents::Near-duplicate of corpus/a.txt (90%25 of lines shared); keep one of them',
      // GitHub ignores columns on annotations over several lines.
      '::warning file=corpus/c.txt,line=3,endLine=4,title=no-duplicate-lines::Caption repeated from line 2; remove the copy',
      '::error file=corpus/bad.txt::Cannot read corpus/bad.txt: it is not UTF-8 text; convert it or exclude it',
      "::warning file=corpus/e.txt::Fixes kept undoing each other; stopped after 10 passes. Check the rules' settings and fix the rest by hand",
      'corpuslint found 6 problems (2 errors, 4 warnings) in 5 files',
    ]);
  });

  it('prints nothing when there are no problems', () => {
    expect(reporters.github([{ filePath: `${CWD}/clean.txt`, messages: [] }], contextFor())).toBe('');
  });

  it("streams a document's annotations as it arrives, and nothing for a clean one", () => {
    const stream = githubReporter(contextFor());
    const [a, , , , , clean] = sampleReports();
    expect(stream.header()).toBe('');
    expect(stream.document(a!)).toMatch(/^::warning file=corpus\/a\.txt,[^\n]*\n$/);
    expect(stream.document(clean!)).toBe('');
  });

  it('says so when GitHub will not show every annotation', () => {
    const linter = new Linter([{ rule: noTrailingSpaces, severity: 'warn', options: { skipBlankLines: false } }]);
    const text = 'x \n'.repeat(11);
    const lines = githubLines([{ filePath: `${CWD}/many.txt`, messages: linter.lint(text).messages }]);
    expect(lines).toHaveLength(13);
    expect(lines.slice(-2)).toEqual([
      "::notice::corpuslint found 11 problems (0 errors, 11 warnings) in 1 file; GitHub shows only the first 10 of each kind as annotations, the step's log lists them all",
      'corpuslint found 11 problems (0 errors, 11 warnings) in 1 file',
    ]);
  });

  it('escapes file names and messages as @actions/core does', () => {
    const file = new VFile({ value: '' });
    const message = file.message('First line\r\nsecond: 100%', { place: { line: 2, column: 1 }, ruleId: 'some-rule' });
    message.fatal = true;
    expect(reporters.github([{ filePath: `${CWD}/a, b: c.txt`, messages: [message] }], contextFor())).toBe(
      '::error file=a%2C b%3A c.txt,line=2,col=1,title=some-rule::First line%0D%0Asecond: 100%25\n' +
        'corpuslint found 1 problem (1 error, 0 warnings) in 1 file\n',
    );
  });
});

describe('workflow command escaping', () => {
  it.each([
    ['plain', 'plain', 'plain'],
    ['50%', '50%25', '50%25'],
    ['a\nb\rc', 'a%0Ab%0Dc', 'a%0Ab%0Dc'],
    ['dir/a:b,c.txt', 'dir/a:b,c.txt', 'dir/a%3Ab%2Cc.txt'],
    ['%3A', '%253A', '%253A'],
  ])('%j', (text, data, property) => {
    expect(escapeData(text)).toBe(data);
    expect(escapeProperty(text)).toBe(property);
  });
});
